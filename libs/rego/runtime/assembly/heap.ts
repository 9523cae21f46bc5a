// The module heap: a bump allocator with size-class free lists.
//
// The ABI resets the heap a lot (every evaluation starts from the data heap pointer), so
// allocation must be a few instructions and a reset must be O(1): `opa_heap_ptr_set`
// moves the bump pointer and forgets every free block (the 1.3 stash functions exist so a
// host can park free blocks across such resets). Blocks carry an 8-byte header (payload
// size, state) so `opa_free` can check its argument and recycle the block.

import { abortWith } from './errors';
import { policyHeapBase } from './splice-heap';

const HEADER_SIZE: usize = 8;
const STATE_USED: u32 = 0x55534544; // "USED"
const STATE_FREE: u32 = 0x46524545; // "FREE"
const SMALL_CLASSES: usize = 32; // payload sizes 8..256 in steps of 8
const LARGE_LIST: usize = SMALL_CLASSES; // one first-fit list for everything bigger
const LIST_COUNT: usize = SMALL_CLASSES + 1;
const MAX_BLOCK_SIZE: usize = 0x7fff0000;

const freeLists = memory.data(<i32>(LIST_COUNT * 4), 8);
const stashLists = memory.data(<i32>(LIST_COUNT * 4), 8);

let heapReady = false;
let heapBase: usize = 0;
let heapTop: usize = 0;
let memoryEnd: usize = 0;
// Free blocks currently listed; while 0 (the usual case between resets) allocation is a pure bump.
let freeBlockCount: u32 = 0;
let stashedBlockCount: u32 = 0;
// Bumped by every heap reset: data derived lazily and cached inside long-lived values (the
// sorted order of objects and sets) is only trusted within the generation that made it.
let heapGeneration: u32 = 1;

function align8(value: usize): usize {
  return (value + 7) & ~(<usize>7);
}

/** The heap starts at the policy's heap base, which only exists after CODEGEN's splice. */
function ensureHeap(): void {
  if (!heapReady) initHeap();
}

function initHeap(): void {
  heapReady = true;
  heapBase = align8(policyHeapBase());
  heapTop = heapBase;
  memoryEnd = (<usize>memory.size()) << 16;
}

function growTo(end: usize): void {
  memoryEnd = (<usize>memory.size()) << 16; // the host may have grown memory itself
  if (end <= memoryEnd) return;
  const pages = <i32>((end - memoryEnd + 0xffff) >> 16);
  if (memory.grow(pages) < 0) {
    abortWith('out of memory');
  }
  memoryEnd = (<usize>memory.size()) << 16;
}

function listFor(size: usize): usize {
  return size <= SMALL_CLASSES << 3 ? (size >> 3) - 1 : LARGE_LIST;
}

function takeFree(size: usize): usize {
  const list = listFor(size);
  const head = freeLists + (list << 2);
  if (list != LARGE_LIST) {
    const block = load<u32>(head);
    if (block == 0) return 0;
    store<u32>(head, load<u32>(block));
    return block;
  }
  // First fit among large blocks: accept up to twice the request to limit waste.
  let previous = head;
  let block = <usize>load<u32>(head);
  while (block != 0) {
    const blockSize = <usize>load<u32>(block - HEADER_SIZE);
    if (blockSize >= size && blockSize <= size << 1) {
      store<u32>(previous, load<u32>(block));
      return block;
    }
    previous = block;
    block = <usize>load<u32>(block);
  }
  return 0;
}

/** Allocates `size` bytes, 8-aligned. Never returns 0 (aborts when memory cannot grow). */
export function heapAlloc(size: usize): usize {
  ensureHeap();
  // Sizes near 4 GiB would wrap around in the address arithmetic below.
  if (size > MAX_BLOCK_SIZE) abortWith('out of memory');
  const payloadSize: usize = size <= 8 ? 8 : align8(size);
  const recycled = freeBlockCount == 0 ? 0 : takeFree(payloadSize);
  if (recycled != 0) {
    freeBlockCount--;
    store<u32>(recycled - HEADER_SIZE, STATE_USED, 4);
    return recycled;
  }
  const header = heapTop;
  const end = header + HEADER_SIZE + payloadSize;
  if (end > memoryEnd) growTo(end);
  store<u32>(header, <u32>payloadSize);
  store<u32>(header, STATE_USED, 4);
  heapTop = end;
  return header + HEADER_SIZE;
}

/**
 * The allocation fast path, inlined into the hottest constructors (strings, numbers,
 * collection headers): a bump of the heap top when no free block is listed and memory
 * suffices; anything else takes the general path. `size` is a multiple of 8, at least 8.
 * (`@inline` sits on a static method: the formatter cannot parse decorated functions.)
 */
export class HeapFastPath {
  @inline static alloc(size: usize): usize {
    const header = heapTop;
    const end = header + HEADER_SIZE + size;
    if (freeBlockCount != 0 || !heapReady || end > memoryEnd) return heapAlloc(size);
    store<u32>(header, <u32>size);
    store<u32>(header, STATE_USED, 4);
    heapTop = end;
    return header + HEADER_SIZE;
  }
}

/** Returns a block to the heap; the block on top of the heap just lowers the top. */
export function heapFree(pointer: usize): void {
  if (pointer == 0) return;
  ensureHeap();
  if (pointer < heapBase + HEADER_SIZE || pointer >= heapTop || (pointer & 7) != 0) {
    // Values in static data (null, booleans, small numbers, policy constants) are never freed.
    if (pointer < heapBase) return;
    abortWith('opa_free: bad pointer');
  }
  const header = pointer - HEADER_SIZE;
  if (load<u32>(header, 4) != STATE_USED) {
    abortWith('opa_free: bad pointer');
  }
  const size = <usize>load<u32>(header);
  if (pointer + size == heapTop) {
    heapTop = header;
    return;
  }
  store<u32>(header, STATE_FREE, 4);
  const head = freeLists + (listFor(size) << 2);
  store<u32>(pointer, load<u32>(head));
  store<u32>(head, <u32>pointer);
  freeBlockCount++;
}

/** Payload size of an allocated block (its capacity, at least the requested size). */
export function heapBlockSize(pointer: usize): usize {
  return <usize>load<u32>(pointer - HEADER_SIZE);
}

/**
 * Grows a block to at least `newSize` bytes, keeping its contents. The block on top of
 * the heap grows in place, which makes appending to the newest buffer (JSON output,
 * arrays being built) cheap.
 */
export function heapRealloc(pointer: usize, newSize: usize): usize {
  if (pointer == 0) return heapAlloc(newSize);
  const oldSize = heapBlockSize(pointer);
  if (newSize <= oldSize) return pointer;
  if (newSize > MAX_BLOCK_SIZE) abortWith('out of memory');
  const payloadSize = align8(newSize);
  if (pointer + oldSize == heapTop) {
    const end = pointer + payloadSize;
    if (end > memoryEnd) growTo(end);
    store<u32>(pointer - HEADER_SIZE, <u32>payloadSize);
    heapTop = end;
    return pointer;
  }
  const moved = heapAlloc(payloadSize);
  memory.copy(moved, pointer, oldSize);
  heapFree(pointer);
  return moved;
}

/** Gives back the unused tail of the newest block (after building a string of unknown size). */
export function heapShrinkTop(pointer: usize, newSize: usize): void {
  const oldSize = heapBlockSize(pointer);
  if (pointer + oldSize != heapTop) return;
  const payloadSize: usize = newSize <= 8 ? 8 : align8(newSize);
  if (payloadSize >= oldSize) return;
  store<u32>(pointer - HEADER_SIZE, <u32>payloadSize);
  heapTop = pointer + payloadSize;
}

export function heapTopGet(): usize {
  ensureHeap();
  return heapTop;
}

export function heapTopSet(pointer: usize): void {
  ensureHeap();
  heapGeneration++;
  heapTop = align8(pointer);
  if (heapTop > memoryEnd) growTo(heapTop);
  if (freeBlockCount != 0) {
    memory.fill(freeLists, 0, LIST_COUNT << 2);
    freeBlockCount = 0;
  }
}

export function heapGenerationGet(): u32 {
  return heapGeneration;
}

export function heapBaseGet(): usize {
  ensureHeap();
  return heapBase;
}

function appendList(target: usize, source: usize): void {
  let head = <usize>load<u32>(source);
  if (head == 0) return;
  let last = head;
  while (load<u32>(last) != 0) last = <usize>load<u32>(last);
  store<u32>(last, load<u32>(target));
  store<u32>(target, <u32>head);
}

/** Moves the free lists aside so heap resets done by evaluations do not lose them. */
export function heapStash(): void {
  for (let list: usize = 0; list < LIST_COUNT; list++) {
    appendList(stashLists + (list << 2), freeLists + (list << 2));
    store<u32>(freeLists + (list << 2), 0);
  }
  stashedBlockCount += freeBlockCount;
  freeBlockCount = 0;
}

export function heapRestore(): void {
  for (let list: usize = 0; list < LIST_COUNT; list++) {
    appendList(freeLists + (list << 2), stashLists + (list << 2));
    store<u32>(stashLists + (list << 2), 0);
  }
  freeBlockCount += stashedBlockCount;
  stashedBlockCount = 0;
}

export function heapStashClear(): void {
  memory.fill(stashLists, 0, LIST_COUNT << 2);
  stashedBlockCount = 0;
}
