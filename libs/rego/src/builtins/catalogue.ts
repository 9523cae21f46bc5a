import type { BuiltinSignature } from './builtin-signature';
import { COLLECTION_SIGNATURES } from './signatures/collections';
import { CRYPTO_SIGNATURES } from './signatures/crypto';
import { ENCODING_SIGNATURES } from './signatures/encoding';
import { NUMBER_AND_TYPE_SIGNATURES } from './signatures/numbers-and-types';
import { OPERATOR_SIGNATURES } from './signatures/operators';
import { STRING_SIGNATURES } from './signatures/strings';
import { SYSTEM_SIGNATURES } from './signatures/system';
import { TIME_SIGNATURES } from './signatures/time';

export type { BuiltinSignature, SignatureFlags } from './builtin-signature';
export { fixedArity } from './builtin-signature';

function byName(families: BuiltinSignature[][]): ReadonlyMap<string, BuiltinSignature> {
  const table = new Map<string, BuiltinSignature>();
  for (const entry of families.flat()) {
    // A duplicate would silently shadow a declaration; fail at load instead.
    if (table.has(entry.name)) throw new Error(`duplicate built-in declaration: ${entry.name}`);
    table.set(entry.name, Object.freeze(entry));
  }
  return table;
}

/** Every built-in of OPA 1.x by Rego name (`strings.replace_n`, `plus`, `internal.member_2`). */
export const BUILTIN_CATALOGUE: ReadonlyMap<string, BuiltinSignature> = byName([
  OPERATOR_SIGNATURES,
  NUMBER_AND_TYPE_SIGNATURES,
  COLLECTION_SIGNATURES,
  STRING_SIGNATURES,
  ENCODING_SIGNATURES,
  TIME_SIGNATURES,
  CRYPTO_SIGNATURES,
  SYSTEM_SIGNATURES,
]);

/** Looks up a built-in by its call operator as the checker emits it (`['strings', 'replace_n']`). */
export function lookupBuiltin(operator: string | readonly string[]): BuiltinSignature | undefined {
  const name = typeof operator === 'string' ? operator : operator.join('.');
  return BUILTIN_CATALOGUE.get(name);
}

/** The infix operators by symbol, e.g. `+` → `plus` (`in` maps to `internal.member_2`). */
export const INFIX_OPERATORS: ReadonlyMap<string, string> = new Map(
  [...BUILTIN_CATALOGUE.values()]
    .filter((entry) => entry.infix !== undefined && entry.name !== 'internal.member_3')
    .map((entry) => [entry.infix as string, entry.name]),
);
