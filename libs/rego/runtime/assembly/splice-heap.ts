// The heap-base splice point, apart from the others so the allocator depends on nothing
// but this file (AssemblyScript initialises module globals in import order).
// Called through the function table for the reason given in splice.ts.

/** Start of the free heap. Placeholder: just past the runtime's own static data. */
export function policy_heap_base(): i32 {
  return <i32>((__heap_base + 7) & ~(<usize>7));
}

const heapBaseFunction: () => i32 = policy_heap_base;

export function policyHeapBase(): usize {
  return <usize>heapBaseFunction();
}

/** End of the runtime's static data: the policy's data segment goes at or after it. */
export function rt_static_end(): i32 {
  return <i32>__heap_base;
}
