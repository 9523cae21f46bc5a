// Objects and sets: entries in insertion order plus, past a few entries, an open-addressing
// hash index over them. Small collections (most JSON objects) are scanned linearly, which
// is faster than hashing; big ones (data documents, large sets) get O(1) lookups.

import { abortWith } from './errors';
import { HeapFastPath, heapAlloc, heapFree, heapGenerationGet, heapRealloc } from './heap';
import { sortByReferencedValue } from './sort';
import { valueCompare, valueEqual, valueHash } from './compare';
import {
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  InlineBytes,
  bytesHash,
  stringBytes,
  stringLength,
} from './value';

const KEYED_SIZE: usize = 32;
// Sorted-order cache (offset 24): 0 = not computed, 1 = insertion order is sorted, else
// the address of a u32 vector of entry indexes, valid in heap generation at offset 28.
const ORDER_UNKNOWN: u32 = 0;
const ORDER_IDENTITY: u32 = 1;
const LINEAR_LIMIT: usize = 8;
const ENTRY_SIZE: usize = 8;

function keyedNew(tag: u32, capacity: usize): usize {
  if (capacity > 0x0fff0000) abortWith('out of memory');
  const collection = HeapFastPath.alloc(KEYED_SIZE);
  store<u32>(collection, tag);
  store<u32>(collection, 0, 4);
  store<u32>(collection, <u32>capacity, 8);
  store<u32>(collection, capacity == 0 ? 0 : <u32>heapAlloc(capacity * ENTRY_SIZE), 12);
  store<u32>(collection, 0, 16);
  store<u32>(collection, 0, 20);
  store<u32>(collection, ORDER_UNKNOWN, 24);
  store<u32>(collection, 0, 28);
  return collection;
}

export function objectNew(capacity: usize): usize {
  return keyedNew(TYPE_OBJECT, capacity);
}

export function setNew(capacity: usize): usize {
  return keyedNew(TYPE_SET, capacity);
}

export function keyedLength(collection: usize): usize {
  return <usize>load<u32>(collection, 4);
}

function entries(collection: usize): usize {
  return <usize>load<u32>(collection, 12);
}

export function keyedKeyAt(collection: usize, index: usize): usize {
  return <usize>load<u32>(entries(collection) + index * ENTRY_SIZE);
}

export function keyedValueAt(collection: usize, index: usize): usize {
  return <usize>load<u32>(entries(collection) + index * ENTRY_SIZE, 4);
}

export function keyedSetValueAt(collection: usize, index: usize, value: usize): void {
  store<u32>(entries(collection) + index * ENTRY_SIZE, <u32>value, 4);
}

/** Index of `key`'s entry, or -1. */
export function keyedFind(collection: usize, key: usize): i32 {
  const length = keyedLength(collection);
  const indexCapacity = <usize>load<u32>(collection, 20);
  if (indexCapacity == 0) {
    if (load<u32>(key) == TYPE_STRING) {
      return keyedFindString(collection, stringBytes(key), stringLength(key));
    }
    for (let i: usize = 0; i < length; i++) {
      if (valueEqual(keyedKeyAt(collection, i), key)) return <i32>i;
    }
    return -1;
  }
  const index = <usize>load<u32>(collection, 16);
  const mask = indexCapacity - 1;
  let slot = (<usize>valueHash(key)) & mask;
  while (true) {
    const entry = <usize>load<u32>(index + (slot << 2));
    if (entry == 0) return -1;
    if (valueEqual(keyedKeyAt(collection, entry - 1), key)) return <i32>(entry - 1);
    slot = (slot + 1) & mask;
  }
}

/**
 * Lookups by raw key bytes inlined into their hottest caller (`rt_value_get_string`, one
 * per constant-key reference in a policy): the linear scan of a small collection then costs
 * no call at all. `@inline` sits on a static method: the formatter cannot parse decorated
 * functions.
 */
export class InlineKeyed {
  /** Value (set: element) under the string key with these bytes, or 0. */
  @inline static getString(collection: usize, bytes: usize, length: usize): usize {
    if (load<u32>(collection, 20) != 0) {
      const found = keyedFindString(collection, bytes, length);
      return found < 0 ? 0 : keyedValueAt(collection, <usize>found);
    }
    const count = keyedLength(collection);
    const base = entries(collection);
    for (let i: usize = 0; i < count; i++) {
      const entry = base + i * ENTRY_SIZE;
      const key = <usize>load<u32>(entry);
      if (
        stringLength(key) == length &&
        load<u32>(key) == TYPE_STRING &&
        InlineBytes.equal(stringBytes(key), bytes, length)
      ) {
        return <usize>load<u32>(entry, 4);
      }
    }
    return 0;
  }
}

/** Index of the entry whose key is the string with these bytes, or -1 (no allocation). */
export function keyedFindString(collection: usize, bytes: usize, length: usize): i32 {
  const count = keyedLength(collection);
  const indexCapacity = <usize>load<u32>(collection, 20);
  if (indexCapacity == 0) {
    // Length first: it rejects most keys, and every value has a word at offset 4.
    const base = entries(collection);
    for (let i: usize = 0; i < count; i++) {
      const key = <usize>load<u32>(base + i * ENTRY_SIZE);
      if (
        stringLength(key) == length &&
        load<u32>(key) == TYPE_STRING &&
        InlineBytes.equal(stringBytes(key), bytes, length)
      ) {
        return <i32>i;
      }
    }
    return -1;
  }
  const index = <usize>load<u32>(collection, 16);
  const mask = indexCapacity - 1;
  let slot = (<usize>bytesHash(bytes, length)) & mask;
  while (true) {
    const entry = <usize>load<u32>(index + (slot << 2));
    if (entry == 0) return -1;
    const key = keyedKeyAt(collection, entry - 1);
    if (
      load<u32>(key) == TYPE_STRING &&
      stringLength(key) == length &&
      InlineBytes.equal(stringBytes(key), bytes, length)
    ) {
      return <i32>(entry - 1);
    }
    slot = (slot + 1) & mask;
  }
}

function indexInsert(collection: usize, entry: usize): void {
  const index = <usize>load<u32>(collection, 16);
  const mask = <usize>load<u32>(collection, 20) - 1;
  let slot = (<usize>valueHash(keyedKeyAt(collection, entry))) & mask;
  while (load<u32>(index + (slot << 2)) != 0) slot = (slot + 1) & mask;
  store<u32>(index + (slot << 2), <u32>(entry + 1));
}

function indexRebuild(collection: usize): void {
  const length = keyedLength(collection);
  const oldIndex = <usize>load<u32>(collection, 16);
  if (length <= LINEAR_LIMIT) {
    if (oldIndex != 0) heapFree(oldIndex);
    store<u32>(collection, 0, 16);
    store<u32>(collection, 0, 20);
    return;
  }
  let capacity: usize = 16;
  while (capacity < length << 1) capacity <<= 1;
  if (oldIndex != 0) heapFree(oldIndex);
  const index = heapAlloc(capacity << 2);
  memory.fill(index, 0, capacity << 2);
  store<u32>(collection, <u32>index, 16);
  store<u32>(collection, <u32>capacity, 20);
  for (let i: usize = 0; i < length; i++) indexInsert(collection, i);
}

/** Appends an entry without looking for an existing key (the caller has checked). */
export function keyedAppend(collection: usize, key: usize, value: usize): void {
  const length = keyedLength(collection);
  const capacity = <usize>load<u32>(collection, 8);
  if (length == capacity) {
    const newCapacity: usize = capacity < 4 ? 4 : capacity << 1;
    store<u32>(collection, <u32>heapRealloc(entries(collection), newCapacity * ENTRY_SIZE), 12);
    store<u32>(collection, <u32>newCapacity, 8);
  }
  const entry = entries(collection) + length * ENTRY_SIZE;
  store<u32>(collection, ORDER_UNKNOWN, 24);
  store<u32>(entry, <u32>key);
  store<u32>(entry, <u32>value, 4);
  store<u32>(collection, <u32>(length + 1), 4);
  const indexCapacity = <usize>load<u32>(collection, 20);
  if (length + 1 > LINEAR_LIMIT) {
    if ((length + 1) << 1 > indexCapacity) indexRebuild(collection);
    else indexInsert(collection, length);
  }
}

/** Inserts or replaces. */
export function objectInsert(object: usize, key: usize, value: usize): void {
  const found = keyedFind(object, key);
  if (found >= 0) keyedSetValueAt(object, <usize>found, value);
  else keyedAppend(object, key, value);
}

export function setAdd(set: usize, element: usize): void {
  if (keyedFind(set, element) < 0) keyedAppend(set, element, element);
}

export function objectGet(object: usize, key: usize): usize {
  const found = keyedFind(object, key);
  return found < 0 ? 0 : keyedValueAt(object, <usize>found);
}

/** Removes the entry at `index`, keeping the others in order. */
export function keyedRemoveAt(collection: usize, index: usize): void {
  const length = keyedLength(collection);
  const base = entries(collection);
  memory.copy(
    base + index * ENTRY_SIZE,
    base + (index + 1) * ENTRY_SIZE,
    (length - index - 1) * ENTRY_SIZE,
  );
  store<u32>(collection, <u32>(length - 1), 4);
  store<u32>(collection, ORDER_UNKNOWN, 24);
  if (load<u32>(collection, 20) != 0) indexRebuild(collection);
}

/**
 * Entry index of the `rank`-th smallest key. OPA iterates objects and sets, and serialises
 * them, in key order; the order is computed on first use and cached in the collection
 * until it changes (or, for a vector on the heap, until the heap is reset).
 */
export function keyedOrderedEntry(collection: usize, rank: usize): usize {
  // One entry (a result set, `{"result": v}`) is in order: no cache to consult or fill.
  if (keyedLength(collection) <= 1) return rank;
  let order = load<u32>(collection, 24);
  if (
    order == ORDER_UNKNOWN ||
    (order != ORDER_IDENTITY && load<u32>(collection, 28) != heapGenerationGet())
  ) {
    order = computeOrder(collection);
  }
  return order == ORDER_IDENTITY ? rank : <usize>load<u32>(<usize>order + (rank << 2));
}

export function keyedOrderedKey(collection: usize, rank: usize): usize {
  return keyedKeyAt(collection, keyedOrderedEntry(collection, rank));
}

export function keyedOrderedValue(collection: usize, rank: usize): usize {
  return keyedValueAt(collection, keyedOrderedEntry(collection, rank));
}

function computeOrder(collection: usize): u32 {
  const length = keyedLength(collection);
  let sorted = true;
  for (let i: usize = 1; i < length && sorted; i++) {
    sorted = valueCompare(keyedKeyAt(collection, i - 1), keyedKeyAt(collection, i)) < 0;
  }
  if (sorted) {
    store<u32>(collection, ORDER_IDENTITY, 24);
    return ORDER_IDENTITY;
  }
  // Sort the entries' addresses by the key each holds, then turn them into indexes.
  const order = heapAlloc(length << 2);
  const base = entries(collection);
  for (let i: usize = 0; i < length; i++)
    store<u32>(order + (i << 2), <u32>(base + i * ENTRY_SIZE));
  sortByReferencedValue(order, length);
  for (let i: usize = 0; i < length; i++) {
    store<u32>(order + (i << 2), <u32>((<usize>load<u32>(order + (i << 2)) - base) / ENTRY_SIZE));
  }
  store<u32>(collection, <u32>order, 24);
  store<u32>(collection, heapGenerationGet(), 28);
  return <u32>order;
}

/** Frees the collection's own storage (not its keys and values). */
export function keyedFreeStorage(collection: usize): void {
  heapFree(entries(collection));
  const index = <usize>load<u32>(collection, 16);
  if (index != 0) heapFree(index);
}
