/**
 * Equality and ordering of JSON values as results come out of the Wasm module (sets are
 * already arrays there, objects have string keys).
 */

/** Structural equality: objects by key set, arrays in order, numbers by value. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(bObject).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(bObject, key) && jsonEqual((a as Record<string, unknown>)[key], bObject[key]),
  );
}

const TYPE_RANK: Record<string, number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 4,
  object: 5,
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A total order on JSON values (Rego's: null < booleans < numbers < strings < arrays < objects). */
export function compareJson(a: unknown, b: unknown): number {
  const rankDifference = TYPE_RANK[typeOf(a)] - TYPE_RANK[typeOf(b)];
  if (rankDifference !== 0) return rankDifference;
  if (typeof a === 'boolean' || typeof a === 'number')
    return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  if (typeof a === 'string') return a === b ? 0 : a < (b as string) ? -1 : 1;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    for (let index = 0; index < Math.min(a.length, other.length); index++) {
      const order = compareJson(a[index], other[index]);
      if (order !== 0) return order;
    }
    return a.length - other.length;
  }
  if (typeOf(a) === 'object') {
    const aEntries = Object.entries(a as object).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    const bEntries = Object.entries(b as object).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return compareJson(aEntries, bEntries);
  }
  return 0;
}

/** Stable JSON text (sorted object keys) for messages and diffs. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : item,
  );
}

/**
 * Matches two collections ignoring order: every expected item pairs with a distinct equal
 * actual item and nothing is left over.
 */
export function unorderedEqual<A, E>(
  actual: readonly A[],
  expected: readonly E[],
  equal: (a: A, e: E) => boolean,
): boolean {
  if (actual.length !== expected.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  return expected.every((item) => {
    const index = actual.findIndex(
      (candidate, position) => !used[position] && equal(candidate, item),
    );
    if (index < 0) return false;
    used[index] = true;
    return true;
  });
}
