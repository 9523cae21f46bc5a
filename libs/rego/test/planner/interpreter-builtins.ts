/**
 * Built-ins for the reference IR interpreter. The language-level ones (operators,
 * aggregates, collections, types, `in`, `walk`, `print`) are implemented here on Rego
 * values; anything else falls back to the host registry (`HOST_BUILTINS`), converting
 * values to and from JSON as opa-wasm does. A built-in error makes the call undefined
 * (OPA's non-strict mode).
 */
import { HOST_BUILTINS } from '../../src/builtins/host';
import {
  compareValues,
  fromJson,
  RegoObject,
  RegoSet,
  sortedEntries,
  sortedValues,
  toJson,
  typeName,
  valuesEqual,
  type Value,
} from './interpreter-values';

type Impl = (...args: Value[]) => Value | undefined;

/** Lines printed by `internal.print`, for tests to inspect. */
export const printed: string[] = [];

const isNumber = (value: Value): value is number => typeof value === 'number';
const numeric =
  (impl: (...numbers: number[]) => number | undefined): Impl =>
  (...args) =>
    args.every(isNumber) ? impl(...(args as number[])) : undefined;
const compare =
  (test: (order: number) => boolean): Impl =>
  (a, b) =>
    test(compareValues(a, b));
const collectionValues = (value: Value): Value[] | undefined => {
  if (Array.isArray(value)) return value;
  if (value instanceof RegoSet) return value.values();
  if (value instanceof RegoObject) return sortedEntries(value).map(([, item]) => item);
  return undefined;
};
const setOf = (values: Value[]): RegoSet => {
  const set = new RegoSet();
  for (const value of values) set.add(value);
  return set;
};

/** A built-in over string arguments only (undefined for anything else). */
const strings =
  (impl: (...texts: string[]) => Value): Impl =>
  (...args) =>
    args.every((arg) => typeof arg === 'string') ? impl(...(args as string[])) : undefined;

const NATIVE: Record<string, Impl> = {
  plus: (a, b) => (isNumber(a) && isNumber(b) ? a + b : undefined),
  minus: (a, b) => {
    if (isNumber(a) && isNumber(b)) return a - b;
    if (a instanceof RegoSet && b instanceof RegoSet)
      return setOf(a.values().filter((item) => !b.has(item)));
    return undefined;
  },
  mul: numeric((a, b) => a * b),
  div: numeric((a, b) => (b === 0 ? undefined : a / b)),
  rem: numeric((a, b) =>
    b === 0 || !Number.isInteger(a) || !Number.isInteger(b) ? undefined : a % b,
  ),
  abs: numeric(Math.abs),
  round: numeric((a) => Math.sign(a) * Math.round(Math.abs(a))),
  ceil: numeric(Math.ceil),
  floor: numeric(Math.floor),
  equal: (a, b) => valuesEqual(a, b),
  neq: (a, b) => !valuesEqual(a, b),
  lt: compare((order) => order < 0),
  lte: compare((order) => order <= 0),
  gt: compare((order) => order > 0),
  gte: compare((order) => order >= 0),
  and: (a, b) =>
    a instanceof RegoSet && b instanceof RegoSet
      ? setOf(a.values().filter((item) => b.has(item)))
      : undefined,
  or: (a, b) =>
    a instanceof RegoSet && b instanceof RegoSet
      ? setOf([...a.values(), ...b.values()])
      : undefined,
  count: (value) => {
    if (typeof value === 'string') return [...value].length;
    if (value instanceof RegoObject) return value.size;
    return collectionValues(value)?.length;
  },
  sum: (value) => {
    const values = collectionValues(value);
    if (!values || value instanceof RegoObject || !values.every(isNumber)) return undefined;
    return (values as number[]).reduce((total, item) => total + item, 0);
  },
  product: (value) => {
    const values = collectionValues(value);
    if (!values || value instanceof RegoObject || !values.every(isNumber)) return undefined;
    return (values as number[]).reduce((total, item) => total * item, 1);
  },
  max: (value) => {
    const values = collectionValues(value);
    return values && values.length > 0 && !(value instanceof RegoObject)
      ? sortedValues(values)[values.length - 1]
      : undefined;
  },
  min: (value) => {
    const values = collectionValues(value);
    return values && values.length > 0 && !(value instanceof RegoObject)
      ? sortedValues(values)[0]
      : undefined;
  },
  sort: (value) =>
    value instanceof RegoObject
      ? undefined
      : collectionValues(value) && sortedValues(collectionValues(value) as Value[]),
  all: (value) => collectionValues(value)?.every((item) => item === true),
  any: (value) => collectionValues(value)?.some((item) => item === true),
  'internal.member_2': (item, collection) =>
    collection instanceof RegoSet
      ? collection.has(item)
      : (collectionValues(collection)?.some((other) => valuesEqual(other, item)) ?? false),
  'internal.member_3': (key, item, collection) => {
    if (Array.isArray(collection))
      return isNumber(key) && collection[key] !== undefined && valuesEqual(collection[key], item);
    if (collection instanceof RegoObject) {
      const found = collection.get(key);
      return found !== undefined && valuesEqual(found, item);
    }
    return false;
  },
  union: (value) =>
    value instanceof RegoSet
      ? setOf(value.values().flatMap((item) => (item instanceof RegoSet ? item.values() : [])))
      : undefined,
  intersection: (value) => {
    if (!(value instanceof RegoSet)) return undefined;
    const sets = value.values().filter((item): item is RegoSet => item instanceof RegoSet);
    if (sets.length === 0) return new RegoSet();
    return setOf(sets[0].values().filter((item) => sets.every((set) => set.has(item))));
  },
  'array.concat': (a, b) => (Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : undefined),
  'array.slice': (array, start, stop) => {
    if (!Array.isArray(array) || !isNumber(start) || !isNumber(stop)) return undefined;
    const from = Math.max(0, start);
    return from >= stop ? [] : array.slice(from, Math.min(stop, array.length));
  },
  'array.reverse': (array) => (Array.isArray(array) ? [...array].reverse() : undefined),
  is_number: (value) => typeof value === 'number',
  is_string: (value) => typeof value === 'string',
  is_boolean: (value) => typeof value === 'boolean',
  is_array: (value) => Array.isArray(value),
  is_set: (value) => value instanceof RegoSet,
  is_object: (value) => value instanceof RegoObject,
  is_null: (value) => value === null,
  type_name: (value) => typeName(value),
  to_number: (value) => {
    if (value === null) return 0;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      return Number(value);
    return undefined;
  },
  'object.get': (object, key, fallback) => {
    if (!(object instanceof RegoObject)) return undefined;
    if (Array.isArray(key)) {
      let node: Value | undefined = object;
      for (const step of key) {
        node =
          node instanceof RegoObject
            ? node.get(step)
            : Array.isArray(node) && isNumber(step)
              ? node[step]
              : undefined;
        if (node === undefined) return fallback;
      }
      return node;
    }
    return object.get(key) ?? fallback;
  },
  'object.keys': (object) =>
    object instanceof RegoObject ? setOf(sortedEntries(object).map(([key]) => key)) : undefined,
  concat: (separator, values) => joinStrings(separator, values),
  format_int: (value, base) =>
    isNumber(value) && isNumber(base) ? Math.trunc(value).toString(base) : undefined,
  startswith: strings((text, prefix) => text.startsWith(prefix)),
  endswith: strings((text, suffix) => text.endsWith(suffix)),
  contains: strings((text, part) => text.includes(part)),
  indexof: strings((text, part) => {
    const index = text.indexOf(part);
    return index < 0 ? -1 : [...text.slice(0, index)].length;
  }),
  split: strings((text, separator) => text.split(separator)),
  lower: strings((text) => text.toLowerCase()),
  upper: strings((text) => text.toUpperCase()),
  trim_space: strings((text) => text.trim()),
  replace: strings((text, old, replacement) => text.split(old).join(replacement)),
  'strings.count': strings((text, part) =>
    part === '' ? [...text].length + 1 : text.split(part).length - 1,
  ),
  trim: strings((text, cutset) => {
    const chars = new Set([...cutset]);
    const points = [...text];
    let start = 0;
    let end = points.length;
    while (start < end && chars.has(points[start])) start++;
    while (end > start && chars.has(points[end - 1])) end--;
    return points.slice(start, end).join('');
  }),
  'array.flatten': (array) => {
    if (!Array.isArray(array)) return undefined;
    return array.flatMap((item) => (Array.isArray(item) ? item : [item]));
  },
  'object.union': (a, b) =>
    a instanceof RegoObject && b instanceof RegoObject ? unionObjects(a, b) : undefined,
  'object.union_n': (objects) => {
    if (!Array.isArray(objects) || !objects.every((item) => item instanceof RegoObject))
      return undefined;
    return (objects as RegoObject[]).reduce(
      (merged, item) => unionObjects(merged, item),
      new RegoObject(),
    );
  },
  'object.remove': (object, keys) => {
    const removed = collectionValues(keys);
    if (!(object instanceof RegoObject) || !removed) return undefined;
    const result = new RegoObject();
    for (const [key, item] of object.entries.values()) {
      if (!removed.some((other) => valuesEqual(other, key))) result.set(key, item);
    }
    return result;
  },
  'object.filter': (object, keys) => {
    const kept = collectionValues(keys);
    if (!(object instanceof RegoObject) || !kept) return undefined;
    const result = new RegoObject();
    for (const [key, item] of object.entries.values()) {
      if (kept.some((other) => valuesEqual(other, key))) result.set(key, item);
    }
    return result;
  },
  'numbers.range': (a, b) => {
    if (!isNumber(a) || !isNumber(b) || !Number.isInteger(a) || !Number.isInteger(b))
      return undefined;
    const result: number[] = [];
    for (let value = a; a <= b ? value <= b : value >= b; value += a <= b ? 1 : -1)
      result.push(value);
    return result;
  },
  walk: (value) => {
    const pairs: Value[] = [];
    const visit = (node: Value, path: Value[]): void => {
      pairs.push([path, node]);
      if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
      else if (node instanceof RegoObject)
        for (const [key, item] of sortedEntries(node)) visit(item, [...path, key]);
      else if (node instanceof RegoSet)
        for (const item of sortedValues(node.values())) visit(item, [...path, item]);
    };
    visit(value, []);
    return pairs;
  },
  'internal.print': (args) => {
    if (!Array.isArray(args)) return undefined;
    printed.push(
      args
        .map((set) => {
          const values = set instanceof RegoSet ? set.values() : [];
          return values.length === 0
            ? '<undefined>'
            : values
                .map((item) => (typeof item === 'string' ? item : JSON.stringify(toJson(item))))
                .join(' ');
        })
        .join(' '),
    );
    return true;
  },
};

function joinStrings(separator: Value, values: Value): Value | undefined {
  const items = collectionValues(values);
  if (typeof separator !== 'string' || !items || !items.every((item) => typeof item === 'string'))
    return undefined;
  return (items as string[]).join(separator);
}

/** `object.union`: keys of `b` win; objects under the same key are merged recursively. */
function unionObjects(a: RegoObject, b: RegoObject): RegoObject {
  const result = new RegoObject();
  for (const [key, item] of a.entries.values()) result.set(key, item);
  for (const [key, item] of b.entries.values()) {
    const existing = result.get(key);
    result.set(
      key,
      existing instanceof RegoObject && item instanceof RegoObject
        ? unionObjects(existing, item)
        : item,
    );
  }
  return result;
}

/** Calls built-in `name`; undefined when it is unknown to both tables, undefined, or fails. */
export function callBuiltin(name: string, args: Value[]): Value | undefined {
  const native = NATIVE[name];
  if (native) return native(...args);
  const host = HOST_BUILTINS.get(name);
  if (!host) throw new Error(`interpreter: built-in ${name} is not implemented`);
  try {
    const result = host.impl(...args.map(toJson));
    return result === undefined ? undefined : fromJson(result);
  } catch (error) {
    if (error instanceof Error && error.name === 'BuiltinError') return undefined;
    throw error;
  }
}
