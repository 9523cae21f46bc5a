/**
 * regorus's expected-value encoding. In `want_result` (and only there) `{set!: [...]}` is a
 * set, `{object!: [{key, value}, ...]}` an object with non-string keys and `"#undefined"`
 * an undefined value. The module's results are JSON (sets as arrays in some order,
 * non-string keys as their JSON text), so matching decodes the markers and compares
 * against that JSON form.
 */
import { unorderedEqual } from './json-values';

export type ExpectedValue =
  | { kind: 'scalar'; value: null | boolean | number | string }
  | { kind: 'undefined' }
  | { kind: 'array'; items: ExpectedValue[] }
  | { kind: 'set'; items: ExpectedValue[] }
  | { kind: 'object'; entries: Array<{ key: ExpectedValue; value: ExpectedValue }> };

export const UNDEFINED_MARKER = '#undefined';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function singleKeyArray(value: Record<string, unknown>, key: string): unknown[] | null {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key && Array.isArray(value[key])
    ? (value[key] as unknown[])
    : null;
}

/** Decodes a raw YAML value (markers included) into an expected value. */
export function decodeExpected(raw: unknown): ExpectedValue {
  if (raw === UNDEFINED_MARKER) return { kind: 'undefined' };
  if (raw === null || raw === undefined) return { kind: 'scalar', value: null };
  if (typeof raw === 'boolean' || typeof raw === 'number' || typeof raw === 'string')
    return { kind: 'scalar', value: raw };
  if (Array.isArray(raw)) return { kind: 'array', items: raw.map(decodeExpected) };
  if (isPlainObject(raw)) {
    const setItems = singleKeyArray(raw, 'set!');
    if (setItems) return { kind: 'set', items: setItems.map(decodeExpected) };
    const objectEntries = singleKeyArray(raw, 'object!');
    if (objectEntries) {
      return {
        kind: 'object',
        entries: objectEntries.map((entry) => {
          const pair = isPlainObject(entry) ? entry : {};
          return { key: decodeExpected(pair.key), value: decodeExpected(pair.value) };
        }),
      };
    }
    return {
      kind: 'object',
      entries: Object.entries(raw).map(([key, value]) => ({
        key: { kind: 'scalar', value: key },
        value: decodeExpected(value),
      })),
    };
  }
  throw new Error(`unsupported value in want_result: ${String(raw)}`);
}

/** True when the module's JSON `actual` is the JSON form of `expected`. */
export function matchesExpected(actual: unknown, expected: ExpectedValue): boolean {
  switch (expected.kind) {
    case 'undefined':
      return actual === undefined;
    case 'scalar':
      return actual === expected.value;
    case 'array':
      return (
        Array.isArray(actual) &&
        actual.length === expected.items.length &&
        expected.items.every((item, index) => matchesExpected(actual[index], item))
      );
    case 'set':
      return Array.isArray(actual) && unorderedEqual(actual, expected.items, matchesExpected);
    case 'object': {
      if (!isPlainObject(actual)) return false;
      const actualEntries = Object.entries(actual);
      return unorderedEqual(
        actualEntries,
        expected.entries,
        ([key, value], entry) => keyMatches(key, entry.key) && matchesExpected(value, entry.value),
      );
    }
  }
}

/** A JSON object key is a string key as is, or the JSON text of a non-string key. */
function keyMatches(actualKey: string, expected: ExpectedValue): boolean {
  if (expected.kind === 'scalar' && typeof expected.value === 'string')
    return actualKey === expected.value;
  try {
    return matchesExpected(JSON.parse(actualKey), expected);
  } catch {
    return false;
  }
}

/** Renders an expected value for failure messages (sets as `set(...)`). */
export function describeExpected(expected: ExpectedValue): string {
  switch (expected.kind) {
    case 'undefined':
      return 'undefined';
    case 'scalar':
      return JSON.stringify(expected.value);
    case 'array':
      return `[${expected.items.map(describeExpected).join(',')}]`;
    case 'set':
      return `set(${expected.items.map(describeExpected).join(',')})`;
    case 'object':
      return `{${expected.entries.map((entry) => `${describeExpected(entry.key)}:${describeExpected(entry.value)}`).join(',')}}`;
  }
}
