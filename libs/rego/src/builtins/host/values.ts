import { isJsonObject } from './operands';

const TYPE_ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return 4;
  return TYPE_ORDER.indexOf(typeof value === 'object' ? 'object' : typeof value);
}

/** OPA's total order on JSON values: null < boolean < number < string < array < object. */
export function compareValues(left: unknown, right: unknown): number {
  const rank = typeRank(left) - typeRank(right);
  if (rank !== 0) return Math.sign(rank);
  if (typeof left === 'boolean' || typeof left === 'number') {
    return left === right ? 0 : (left as number) < (right as number) ? -1 : 1;
  }
  if (typeof left === 'string') return compareStrings(left, right as string);
  if (Array.isArray(left)) {
    const other = right as unknown[];
    for (let index = 0; index < Math.min(left.length, other.length); index++) {
      const order = compareValues(left[index], other[index]);
      if (order !== 0) return order;
    }
    return Math.sign(left.length - other.length);
  }
  if (isJsonObject(left)) {
    const other = right as Record<string, unknown>;
    const leftKeys = Object.keys(left).sort(compareStrings);
    const rightKeys = Object.keys(other).sort(compareStrings);
    for (let index = 0; index < Math.min(leftKeys.length, rightKeys.length); index++) {
      const keyOrder = compareStrings(leftKeys[index], rightKeys[index]);
      if (keyOrder !== 0) return keyOrder;
      const valueOrder = compareValues(left[leftKeys[index]], other[rightKeys[index]]);
      if (valueOrder !== 0) return valueOrder;
    }
    return Math.sign(leftKeys.length - rightKeys.length);
  }
  return 0;
}

/** Byte-wise (UTF-8) string order, as Go compares strings; UTF-16 order differs for astral characters. */
export function compareStrings(left: string, right: string): number {
  if (left === right) return 0;
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return Buffer.compare(a, b);
}

export function deepEqual(left: unknown, right: unknown): boolean {
  return compareValues(left, right) === 0;
}

/** A set result: opa-wasm can only carry arrays back, so sets are sorted and de-duplicated arrays. */
export function toSetArray(values: Iterable<unknown>): unknown[] {
  const sorted = [...values].sort(compareValues);
  return sorted.filter(
    (value, index) => index === 0 || compareValues(sorted[index - 1], value) !== 0,
  );
}

/** A value in Rego syntax (`{"a": [1, true]}`), as OPA prints terms. Sets are indistinguishable from arrays here. */
export function formatRegoValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return `[${value.map(formatRegoValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    compareStrings(a, b),
  );
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${formatRegoValue(item)}`).join(', ')}}`;
}

/**
 * The integer a JSON number most likely spelled: past 2^53 a double stands for many
 * integers, and its shortest decimal form ("1703444325734390000") is the one that was
 * written, where BigInt(number) would give 1703444325734390016. Requires an integer.
 */
export function exactIntegerOf(number: number): bigint {
  return Math.abs(number) < 1e21 ? BigInt(String(number)) : BigInt(number);
}
