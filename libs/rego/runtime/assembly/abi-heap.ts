// ABI exports for the heap (opa_malloc & co.).

import {
  heapAlloc,
  heapFree,
  heapRestore,
  heapStash,
  heapStashClear,
  heapTopGet,
  heapTopSet,
} from './heap';

export const opa_wasm_abi_version: i32 = 1;
export const opa_wasm_abi_minor_version: i32 = 3;

export function opa_malloc(size: i32): i32 {
  return <i32>heapAlloc(<usize>size);
}

export function opa_free(pointer: i32): void {
  heapFree(<usize>pointer);
}

export function opa_heap_ptr_get(): i32 {
  return <i32>heapTopGet();
}

/** Everything above `pointer` is discarded, including free blocks (see the stash). */
export function opa_heap_ptr_set(pointer: i32): void {
  heapTopSet(<usize>pointer);
}

export function opa_heap_blocks_stash(): void {
  heapStash();
}

export function opa_heap_blocks_restore(): void {
  heapRestore();
}

export function opa_heap_stash_clear(): void {
  heapStashClear();
}
