/**
 * Rego values for the reference IR interpreter: JSON scalars and arrays as themselves,
 * objects and sets as classes keyed by a canonical text of each key, because Rego
 * objects may have non-string keys and sets compare by value.
 */
export type Value = null | boolean | number | string | Value[] | RegoObject | RegoSet;

export class RegoObject {
  readonly entries = new Map<string, [Value, Value]>();

  get(key: Value): Value | undefined {
    return this.entries.get(canonical(key))?.[1];
  }

  set(key: Value, value: Value): void {
    this.entries.set(canonical(key), [key, value]);
  }

  get size(): number {
    return this.entries.size;
  }
}

export class RegoSet {
  readonly items = new Map<string, Value>();

  add(value: Value): void {
    this.items.set(canonical(value), value);
  }

  has(value: Value): boolean {
    return this.items.has(canonical(value));
  }

  values(): Value[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }
}

const typeOrder = (value: Value): number => {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 4;
  if (value instanceof RegoObject) return 5;
  return 6;
};

/** Rego's total order: null < booleans < numbers < strings < arrays < objects < sets. */
export function compareValues(a: Value, b: Value): number {
  const order = typeOrder(a) - typeOrder(b);
  if (order !== 0) return order;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (typeof a === 'number') return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (Array.isArray(a)) {
    const other = b as Value[];
    for (let index = 0; index < Math.min(a.length, other.length); index++) {
      const result = compareValues(a[index], other[index]);
      if (result !== 0) return result;
    }
    return a.length - other.length;
  }
  if (a instanceof RegoObject) {
    const left = sortedEntries(a);
    const right = sortedEntries(b as RegoObject);
    for (let index = 0; index < Math.min(left.length, right.length); index++) {
      const keys = compareValues(left[index][0], right[index][0]);
      if (keys !== 0) return keys;
      const values = compareValues(left[index][1], right[index][1]);
      if (values !== 0) return values;
    }
    return left.length - right.length;
  }
  if (a instanceof RegoSet) {
    const left = sortedValues(a.values());
    const right = sortedValues((b as RegoSet).values());
    for (let index = 0; index < Math.min(left.length, right.length); index++) {
      const result = compareValues(left[index], right[index]);
      if (result !== 0) return result;
    }
    return left.length - right.length;
  }
  return 0;
}

export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

export function sortedValues(values: Value[]): Value[] {
  return [...values].sort(compareValues);
}

export function sortedEntries(object: RegoObject): Array<[Value, Value]> {
  return [...object.entries.values()].sort((x, y) => compareValues(x[0], y[0]));
}

/** A text equal for equal values (used as a map key). */
export function canonical(value: Value): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') return `n${value}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof RegoObject) {
    return `{${sortedEntries(value)
      .map(([key, item]) => `${canonical(key)}:${canonical(item)}`)
      .join(',')}}`;
  }
  return `set(${sortedValues(value.values()).map(canonical).join(',')})`;
}

/** JSON → value (JSON has no sets). */
export function fromJson(json: unknown): Value {
  if (
    json === null ||
    typeof json === 'boolean' ||
    typeof json === 'number' ||
    typeof json === 'string'
  ) {
    return json;
  }
  if (Array.isArray(json)) return json.map(fromJson);
  if (typeof json === 'object') {
    const object = new RegoObject();
    for (const [key, item] of Object.entries(json as Record<string, unknown>))
      object.set(key, fromJson(item));
    return object;
  }
  throw new Error(`not a JSON value: ${String(json)}`);
}

/** Value → JSON as OPA serialises it: sets as (sorted) arrays, non-string keys as their JSON text. */
export function toJson(value: Value): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof RegoSet) return sortedValues(value.values()).map(toJson);
  const result: Record<string, unknown> = {};
  for (const [key, item] of sortedEntries(value)) {
    result[typeof key === 'string' ? key : JSON.stringify(toJson(key))] = toJson(item);
  }
  return result;
}

/** A deep copy (objects and sets are mutable; `WithStmt` must not change the original). */
export function copyValue(value: Value): Value {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyValue);
  if (value instanceof RegoObject) {
    const copy = new RegoObject();
    for (const [key, item] of value.entries.values()) copy.set(key, copyValue(item));
    return copy;
  }
  const copy = new RegoSet();
  for (const item of value.values()) copy.add(copyValue(item));
  return copy;
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'array';
  if (value instanceof RegoObject) return 'object';
  return 'set';
}
