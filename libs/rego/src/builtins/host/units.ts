import { BuiltinError } from '../builtin-error';
import { multiply, parseDecimal, toNumber, truncate, type Rational } from './decimal';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';

const MAX_EXPONENT_DIGITS = 6;
const SI = (power: number) => 1000n ** BigInt(power);
const BINARY = (power: number) => 1024n ** BigInt(power);

// units.parse distinguishes `m` (milli) from `M` (mega); other prefixes take either case.
const UNIT_SCALES: Record<string, [bigint, bigint]> = {
  '': [1n, 1n],
  m: [1n, 1000n],
  k: [SI(1), 1n],
  K: [SI(1), 1n],
  M: [SI(2), 1n],
  ...Object.fromEntries(
    ['k', 'm', 'g', 't', 'p', 'e'].flatMap((prefix, index) => {
      const binary: [bigint, bigint] = [BINARY(index + 1), 1n];
      const entries: Array<[string, [bigint, bigint]]> = [
        [`${prefix}i`, binary],
        [`${prefix.toUpperCase()}i`, binary],
      ];
      if (prefix !== 'k' && prefix !== 'm') {
        entries.push([prefix, [SI(index + 1), 1n]], [prefix.toUpperCase(), [SI(index + 1), 1n]]);
      }
      return entries;
    }),
  ),
};

const BYTE_SCALES: Record<string, bigint> = {
  '': 1n,
  ...Object.fromEntries(
    ['k', 'm', 'g', 't', 'p', 'e'].flatMap((prefix, index) => [
      [prefix, SI(index + 1)],
      [`${prefix}b`, SI(index + 1)],
      [`${prefix}i`, BINARY(index + 1)],
      [`${prefix}ib`, BINARY(index + 1)],
    ]),
  ),
};

/**
 * OPA's split of "10.5KiB" into "10.5" and "KiB": the number runs over ASCII digits, '.',
 * signs and an exponent (`1e3`); an `e` not followed by a digit or sign starts the unit.
 */
function splitAmount(text: string): { amount: string; unit: string } | 'exponent too large' {
  let index = 0;
  for (; index < text.length; index++) {
    const character = text[index];
    if (/[0-9.+-]/.test(character)) continue;
    if (character !== 'e' && character !== 'E') break;
    const next = text[index + 1];
    if (next === undefined || !/[0-9+-]/.test(next)) break;
    if (next === '+' || next === '-') index++;
    const exponent = /^[0-9]*/.exec(text.slice(index + 1))![0];
    if (exponent.length > MAX_EXPONENT_DIGITS) return 'exponent too large';
  }
  return { amount: text.slice(0, index), unit: text.slice(index) };
}

function messages(builtin: string) {
  const bytes = builtin === 'units.parse_bytes';
  return {
    noAmount: bytes ? 'no byte amount provided' : 'no amount provided',
    notANumber: bytes
      ? 'could not parse byte amount to a number'
      : 'could not parse amount to a number',
  };
}

/** Splits the quantity, checking spaces, exponent size and a present amount in OPA's order. */
function splitQuantity(builtin: string, text: string): { amount: string; unit: string } {
  if (text.includes(' ')) throw new BuiltinError(builtin, 'spaces not allowed in resource strings');
  const split = splitAmount(text);
  if (split === 'exponent too large') throw new BuiltinError(builtin, split);
  if (split.amount === '') throw new BuiltinError(builtin, messages(builtin).noAmount);
  return split;
}

function amountOf(builtin: string, amount: string): Rational {
  const parsed = parseDecimal(amount);
  if (!parsed) throw new BuiltinError(builtin, messages(builtin).notANumber);
  return parsed;
}

/** Registers units.parse and units.parse_bytes. */
export function register(into: HostRegistry): void {
  define(into, 'units.parse', 1, (value: unknown) => {
    const builtin = 'units.parse';
    // Quotes are dropped so "\"10Mi\"" works, as in OPA.
    const { amount, unit } = splitQuantity(
      builtin,
      stringOperand(builtin, 1, value).replaceAll('"', ''),
    );
    // Only the letters after the first are case-insensitive ("Mi" = "MI", but "m" is not "M").
    const normalised = unit.length > 1 ? unit[0] + unit.slice(1).toLowerCase() : unit;
    const scale = UNIT_SCALES[normalised];
    if (!scale) throw new BuiltinError(builtin, `unit ${normalised} not recognized`);
    return toNumber(multiply(amountOf(builtin, amount), scale[0], scale[1]));
  });

  define(into, 'units.parse_bytes', 1, (value: unknown) => {
    const builtin = 'units.parse_bytes';
    const text = stringOperand(builtin, 1, value).replaceAll('"', '').toLowerCase();
    const { amount, unit } = splitQuantity(builtin, text);
    const scale = BYTE_SCALES[unit];
    if (scale === undefined) throw new BuiltinError(builtin, `byte unit ${unit} not recognized`);
    // Whole bytes: the product is truncated toward zero.
    return Number(String(truncate(multiply(amountOf(builtin, amount), scale))));
  });
}
