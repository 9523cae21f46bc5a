// Arrays: a header plus a separately allocated, growable vector of element addresses.

import { abortWith } from './errors';
import { HeapFastPath, heapAlloc, heapRealloc } from './heap';
import { TYPE_ARRAY } from './value';

const ARRAY_SIZE: usize = 16;
// Element vectors are capacity * 4 bytes; beyond this the size would not fit the heap.
const MAX_CAPACITY: usize = 0x1fff0000;

export function arrayNew(capacity: usize): usize {
  if (capacity > MAX_CAPACITY) abortWith('out of memory');
  const array = HeapFastPath.alloc(ARRAY_SIZE);
  store<u32>(array, TYPE_ARRAY);
  store<u32>(array, 0, 4);
  store<u32>(array, <u32>capacity, 8);
  store<u32>(array, capacity == 0 ? 0 : <u32>heapAlloc(capacity << 2), 12);
  return array;
}

export function arrayLength(array: usize): usize {
  return <usize>load<u32>(array, 4);
}

export function arrayElements(array: usize): usize {
  return <usize>load<u32>(array, 12);
}

export function arrayGet(array: usize, index: usize): usize {
  return <usize>load<u32>(arrayElements(array) + (index << 2));
}

export function arraySet(array: usize, index: usize, element: usize): void {
  store<u32>(arrayElements(array) + (index << 2), <u32>element);
}

export function arrayAppend(array: usize, element: usize): void {
  const length = arrayLength(array);
  const capacity = <usize>load<u32>(array, 8);
  if (length == capacity) {
    const newCapacity: usize = capacity < 4 ? 4 : capacity << 1;
    store<u32>(array, <u32>heapRealloc(arrayElements(array), newCapacity << 2), 12);
    store<u32>(array, <u32>newCapacity, 8);
  }
  store<u32>(arrayElements(array) + (length << 2), <u32>element);
  store<u32>(array, <u32>(length + 1), 4);
}

/** Removes the element at `index`, shifting the rest down. */
export function arrayRemoveAt(array: usize, index: usize): void {
  const length = arrayLength(array);
  const elements = arrayElements(array);
  memory.copy(elements + (index << 2), elements + ((index + 1) << 2), (length - index - 1) << 2);
  store<u32>(array, <u32>(length - 1), 4);
}
