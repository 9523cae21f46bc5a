/**
 * A small type language for built-in signatures. It mirrors the shapes OPA's
 * capabilities.json uses (`any`, scalars, dynamic arrays, static tuples, sets, objects
 * with dynamic key/value types and optional static fields, and `any-of` unions) so a
 * signature converts losslessly to and from a capabilities declaration.
 */
export type TypeSpec =
  | { kind: 'any' }
  | { kind: 'null' }
  | { kind: 'boolean' }
  | { kind: 'number' }
  | { kind: 'string' }
  /** An array whose elements all have type `of` (OPA: "dynamic" array). */
  | { kind: 'array'; of: TypeSpec }
  /** A fixed-length array, element i of type `items[i]` (OPA: "static" array). */
  | { kind: 'tuple'; items: TypeSpec[] }
  | { kind: 'set'; of: TypeSpec }
  /** An object; `fields` lists known keys, `key`/`value` type every other entry. */
  | { kind: 'object'; key: TypeSpec; value: TypeSpec; fields?: Record<string, TypeSpec> }
  /** A union: the value has one of the listed types. */
  | { kind: 'anyOf'; of: TypeSpec[] };

/** Shorthand constructors, so signature tables stay one line per built-in. */
const ANY: TypeSpec = { kind: 'any' };

export const T = {
  any: ANY,
  null: { kind: 'null' } as TypeSpec,
  boolean: { kind: 'boolean' } as TypeSpec,
  number: { kind: 'number' } as TypeSpec,
  string: { kind: 'string' } as TypeSpec,
  array: (of: TypeSpec = ANY): TypeSpec => ({ kind: 'array', of }),
  tuple: (...items: TypeSpec[]): TypeSpec => ({ kind: 'tuple', items }),
  set: (of: TypeSpec = ANY): TypeSpec => ({ kind: 'set', of }),
  object: (
    key: TypeSpec = ANY,
    value: TypeSpec = ANY,
    fields?: Record<string, TypeSpec>,
  ): TypeSpec => (fields ? { kind: 'object', key, value, fields } : { kind: 'object', key, value }),
  anyOf: (...of: TypeSpec[]): TypeSpec => ({ kind: 'anyOf', of }),
};

/** Renders a type the way OPA's type errors do (`array[any]`, `object[string: any]`, `any<number, string>`). */
export function formatTypeSpec(type: TypeSpec): string {
  switch (type.kind) {
    case 'any':
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return type.kind;
    case 'array':
      return `array[${formatTypeSpec(type.of)}]`;
    case 'tuple':
      return `array<${type.items.map(formatTypeSpec).join(', ')}>`;
    case 'set':
      return `set[${formatTypeSpec(type.of)}]`;
    case 'object': {
      const dynamic = `${formatTypeSpec(type.key)}: ${formatTypeSpec(type.value)}`;
      if (!type.fields) return `object[${dynamic}]`;
      const known = Object.entries(type.fields).map(
        ([k, v]) => `${JSON.stringify(k)}: ${formatTypeSpec(v)}`,
      );
      return `object<${known.join(', ')}>[${dynamic}]`;
    }
    case 'anyOf':
      return `any<${type.of.map(formatTypeSpec).join(', ')}>`;
  }
}

/**
 * Whether a value of type `actual` may be passed where `expected` is declared. `any` on
 * either side is accepted (the checker often knows nothing better); unions accept when
 * some member fits.
 */
export function isAssignable(expected: TypeSpec, actual: TypeSpec): boolean {
  if (expected.kind === 'any' || actual.kind === 'any') return true;
  if (actual.kind === 'anyOf') return actual.of.some((member) => isAssignable(expected, member));
  if (expected.kind === 'anyOf') return expected.of.some((member) => isAssignable(member, actual));
  switch (expected.kind) {
    case 'array':
      if (actual.kind === 'array') return isAssignable(expected.of, actual.of);
      if (actual.kind === 'tuple')
        return actual.items.every((item) => isAssignable(expected.of, item));
      return false;
    case 'tuple':
      if (actual.kind === 'array')
        return expected.items.every((item) => isAssignable(item, actual.of));
      if (actual.kind === 'tuple') {
        return (
          actual.items.length === expected.items.length &&
          actual.items.every((item, index) => isAssignable(expected.items[index], item))
        );
      }
      return false;
    case 'set':
      return actual.kind === 'set' && isAssignable(expected.of, actual.of);
    case 'object':
      return (
        actual.kind === 'object' &&
        isAssignable(expected.key, actual.key) &&
        isAssignable(expected.value, actual.value)
      );
    default:
      return expected.kind === actual.kind;
  }
}
