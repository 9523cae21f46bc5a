// Stable merge sort of u32 vectors in OPA order: of value addresses, or (indirect) of
// addresses of words that hold value addresses, such as object entries (key first).

import { valueCompare } from './compare';
import { heapAlloc, heapFree } from './heap';

let indirect = false;

function compareItems(a: u32, b: u32): i32 {
  if (indirect) return valueCompare(<usize>load<u32>(<usize>a), <usize>load<u32>(<usize>b));
  return valueCompare(<usize>a, <usize>b);
}

/** Sorts addresses of entries by the value address stored at each (an entry's key). */
export function sortByReferencedValue(items: usize, count: usize): void {
  // Comparing keys can sort nested collections, so the mode is saved and restored.
  const saved = indirect;
  indirect = true;
  sortItems(items, count);
  indirect = saved;
}

export function sortValues(elements: usize, count: usize): void {
  const saved = indirect;
  indirect = false;
  sortItems(elements, count);
  indirect = saved;
}

function sortItems(elements: usize, count: usize): void {
  if (count < 2) return;
  if (count <= 16) {
    insertionSort(elements, count);
    return;
  }
  const scratch = heapAlloc(count << 2);
  mergeSort(elements, scratch, count);
  heapFree(scratch);
}

function insertionSort(elements: usize, count: usize): void {
  for (let i: usize = 1; i < count; i++) {
    const value = load<u32>(elements + (i << 2));
    let j = i;
    while (j > 0 && compareItems(load<u32>(elements + ((j - 1) << 2)), value) > 0) {
      store<u32>(elements + (j << 2), load<u32>(elements + ((j - 1) << 2)));
      j--;
    }
    store<u32>(elements + (j << 2), value);
  }
}

function mergeSort(elements: usize, scratch: usize, count: usize): void {
  if (count <= 16) {
    insertionSort(elements, count);
    return;
  }
  const half = count >> 1;
  mergeSort(elements, scratch, half);
  mergeSort(elements + (half << 2), scratch, count - half);
  memory.copy(scratch, elements, count << 2);
  let left: usize = 0;
  let right: usize = half;
  let out: usize = 0;
  while (left < half && right < count) {
    const a = load<u32>(scratch + (left << 2));
    const b = load<u32>(scratch + (right << 2));
    if (compareItems(b, a) < 0) {
      store<u32>(elements + (out++ << 2), b);
      right++;
    } else {
      store<u32>(elements + (out++ << 2), a);
      left++;
    }
  }
  while (left < half) store<u32>(elements + (out++ << 2), load<u32>(scratch + (left++ << 2)));
  while (right < count) store<u32>(elements + (out++ << 2), load<u32>(scratch + (right++ << 2)));
}
