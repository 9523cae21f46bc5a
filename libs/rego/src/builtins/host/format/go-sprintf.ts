import { formatExponent, formatFixed, formatGeneral } from './go-float';
import { goQuote } from './go-quote';

/** An argument as OPA hands it to Go's fmt: an integer, a float64 or a string. */
export type FormatArgument =
  | { kind: 'int'; value: bigint; goType: 'int' | '*big.Int' }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string };

interface Directive {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
  verb: string;
}

/** Go's fmt.Sprintf over OPA's argument kinds, including its `%!verb(type=value)` error texts. */
export function goSprintf(format: string, args: FormatArgument[]): string {
  let out = '';
  let argIndex = 0;
  let reordered = false;
  let position = 0;
  while (position < format.length) {
    const percent = format.indexOf('%', position);
    if (percent < 0) {
      out += format.slice(position);
      break;
    }
    out += format.slice(position, percent);
    position = percent + 1;
    const directive: Directive = {
      plus: false,
      minus: false,
      sharp: false,
      space: false,
      zero: false,
      verb: '',
    };
    for (; position < format.length; position++) {
      const flag = format[position];
      if (flag === '+') directive.plus = true;
      else if (flag === '-') directive.minus = true;
      else if (flag === '#') directive.sharp = true;
      else if (flag === ' ') directive.space = true;
      else if (flag === '0') directive.zero = true;
      else break;
    }
    let badIndex = false;
    const readIndex = () => {
      if (format[position] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', position);
      const index = close < 0 ? NaN : Number(format.slice(position + 1, close));
      if (!Number.isInteger(index) || index < 1 || index > args.length) badIndex = true;
      else argIndex = index - 1;
      position = close < 0 ? format.length : close + 1;
    };
    readIndex();
    let badWidth = false;
    if (format[position] === '*') {
      position++;
      const width = args[argIndex++];
      if (width?.kind === 'int' && Math.abs(Number(width.value)) <= 1e6) {
        directive.width = Math.abs(Number(width.value));
        if (width.value < 0n) directive.minus = true;
      } else badWidth = true;
      readIndex();
    } else {
      const digits = /^\d+/.exec(format.slice(position));
      if (digits) {
        directive.width = Number(digits[0]);
        position += digits[0].length;
      }
    }
    let badPrecision = false;
    if (format[position] === '.') {
      position++;
      readIndex();
      if (format[position] === '*') {
        position++;
        const precision = args[argIndex++];
        if (precision?.kind === 'int' && precision.value >= 0n && precision.value <= 1000000n) {
          directive.precision = Number(precision.value);
        } else badPrecision = true;
        readIndex();
      } else {
        const digits = /^\d*/.exec(format.slice(position))![0];
        directive.precision = digits === '' ? 0 : Number(digits);
        position += digits.length;
      }
    }
    if (badWidth) out += '%!(BADWIDTH)';
    if (badPrecision) out += '%!(BADPREC)';
    if (position >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(position)!);
    position += verb.length;
    directive.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArgument(directive, args[argIndex++]);
  }
  if (!reordered && argIndex < args.length) {
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((arg) => `${typeName(arg)}=${plainValue(arg)}`)
      .join(', ')})`;
  }
  return out;
}

function typeName(arg: FormatArgument): string {
  if (arg.kind === 'int') return arg.goType;
  return arg.kind === 'float' ? 'float64' : 'string';
}

function plainValue(arg: FormatArgument): string {
  if (arg.kind === 'int') return arg.value.toString();
  if (arg.kind === 'float')
    return formatGeneral(Math.abs(arg.value), undefined, false).replace(
      /^/,
      arg.value < 0 ? '-' : '',
    );
  return arg.value;
}

function badVerb(directive: Directive, arg: FormatArgument): string {
  return `%!${directive.verb}(${typeName(arg)}=${plainValue(arg)})`;
}

function formatArgument(directive: Directive, arg: FormatArgument): string {
  switch (arg.kind) {
    case 'int':
      return formatInteger(directive, arg);
    case 'float':
      return formatFloat(directive, arg);
    case 'string':
      return formatString(directive, arg);
  }
}

/** Pads to the width: left-justified with spaces, or right with spaces or (numbers) zeros after the sign. */
function pad(directive: Directive, body: string, numeric: boolean, zeroAllowed = true): string {
  const width = directive.width ?? 0;
  const length = [...body].length;
  if (length >= width) return body;
  if (directive.minus) return body + ' '.repeat(width - length);
  if (directive.zero && numeric && zeroAllowed) {
    const sign = /^[+\- ]/.test(body) ? body[0] : '';
    return sign + '0'.repeat(width - length) + body.slice(sign.length);
  }
  return ' '.repeat(width - length) + body;
}

function signOf(negative: boolean, directive: Directive): string {
  if (negative) return '-';
  if (directive.plus) return '+';
  return directive.space ? ' ' : '';
}

/** The verbs Go's big.Int.Format understands; the rest print as `%!verb(big.Int=...)`. */
const BIG_INT_VERBS = new Set(['b', 'o', 'O', 'd', 's', 'v', 'x', 'X']);

function formatInteger(
  directive: Directive,
  arg: Extract<FormatArgument, { kind: 'int' }>,
): string {
  const { verb } = directive;
  const negative = arg.value < 0n;
  const magnitude = negative ? -arg.value : arg.value;
  if (arg.goType === '*big.Int' && !BIG_INT_VERBS.has(verb))
    // *big.Int formats itself (big.Int.Format) and names any other verb as bad this way.
    return `%!${verb}(big.Int=${arg.value.toString()})`;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 's':
      // Go's int has no %s; *big.Int prints its decimal digits.
      if (arg.goType === 'int') return badVerb(directive, arg);
      digits = magnitude.toString(10);
      break;
    case 'v':
    case 'd':
      digits = magnitude.toString(10);
      break;
    case 'b':
      digits = magnitude.toString(2);
      if (directive.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = magnitude.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (directive.sharp) prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = magnitude.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (directive.sharp) prefix = verb === 'X' ? '0X' : '0x';
      break;
    case 'c':
      return pad(directive, runeOf(arg.value), false);
    case 'q':
      return pad(directive, goQuote(runeOf(arg.value), "'"), false);
    case 'U': {
      const hex = magnitude.toString(16).toUpperCase().padStart(4, '0');
      const text = `U+${hex}${directive.sharp ? ` '${runeOf(arg.value)}'` : ''}`;
      return pad(directive, text, false);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      // OPA hands integers to Go as int, and Go refuses float verbs for int.
      return badVerb(directive, arg);
    default:
      return badVerb(directive, arg);
  }
  if (directive.precision !== undefined) {
    if (directive.precision === 0 && magnitude === 0n) digits = '';
    digits = digits.padStart(directive.precision, '0');
    return pad(directive, signOf(negative, directive) + prefix + digits, true, false);
  }
  return pad(directive, signOf(negative, directive) + prefix + digits, true);
}

function runeOf(value: bigint): string {
  const code = Number(value);
  return code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    ? String.fromCodePoint(code)
    : '\ufffd';
}

function formatFloat(
  directive: Directive,
  arg: Extract<FormatArgument, { kind: 'float' }>,
): string {
  const negative = arg.value < 0 || Object.is(arg.value, -0);
  const magnitude = Math.abs(arg.value);
  const { precision, verb } = directive;
  let body: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      body = formatGeneral(magnitude, verb === 'v' ? undefined : precision, verb === 'G');
      break;
    case 'e':
    case 'E':
      body = formatExponent(magnitude, precision ?? 6, verb === 'E');
      break;
    case 'f':
    case 'F':
      body = formatFixed(magnitude, precision ?? 6);
      break;
    default:
      return badVerb(directive, arg);
  }
  return pad(directive, signOf(negative, directive) + body, true);
}

function formatString(
  directive: Directive,
  arg: Extract<FormatArgument, { kind: 'string' }>,
): string {
  let text = arg.value;
  if (directive.precision !== undefined) text = [...text].slice(0, directive.precision).join('');
  switch (directive.verb) {
    case 'v':
    case 's':
      return pad(directive, text, false);
    case 'q':
      return pad(
        directive,
        directive.sharp && !/[`\p{Cc}]/u.test(text) ? `\`${text}\`` : goQuote(text),
        false,
      );
    case 'x':
    case 'X': {
      const bytes = [...Buffer.from(text, 'utf8')].map((byte) =>
        byte.toString(16).padStart(2, '0'),
      );
      let hex = bytes.join(directive.space ? ' ' : '');
      if (directive.sharp) hex = bytes.map((b) => `0x${b}`).join(directive.space ? ' ' : '');
      return pad(directive, directive.verb === 'X' ? hex.toUpperCase() : hex, false);
    }
    default:
      return badVerb(directive, arg);
  }
}
