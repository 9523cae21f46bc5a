import { RuntimeAbort, RuntimeInstance, runtimeBytes } from './runtime-harness';

describe('runtime heap', () => {
  const bytes = runtimeBytes();
  let runtime: RuntimeInstance;
  beforeEach(() => {
    runtime = new RuntimeInstance(bytes);
  });

  it('exports ABI version 1.3 as immutable globals', () => {
    expect(runtime.exports.opa_wasm_abi_version.value).toBe(1);
    expect(runtime.exports.opa_wasm_abi_minor_version.value).toBe(3);
  });

  it('starts the heap at the policy heap base, past the static data', () => {
    const staticEnd = runtime.exports.rt_static_end();
    const base = runtime.exports.policy_heap_base();
    expect(base).toBeGreaterThanOrEqual(staticEnd);
    expect(base % 8).toBe(0);
    expect(runtime.exports.opa_heap_ptr_get()).toBe(base);
  });

  it('allocates 8-aligned, non-overlapping blocks', () => {
    const a = runtime.exports.opa_malloc(3);
    const b = runtime.exports.opa_malloc(17);
    const c = runtime.exports.opa_malloc(0);
    for (const block of [a, b, c]) expect(block % 8).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 3);
    expect(c).toBeGreaterThanOrEqual(b + 17);
  });

  it('recycles freed blocks of the same size class', () => {
    const a = runtime.exports.opa_malloc(40);
    runtime.exports.opa_malloc(8); // keeps `a` from being the top block
    runtime.exports.opa_free(a);
    expect(runtime.exports.opa_malloc(36)).toBe(a);
  });

  it('lowers the heap top when the newest block is freed', () => {
    const top = runtime.exports.opa_heap_ptr_get();
    const a = runtime.exports.opa_malloc(100);
    runtime.exports.opa_free(a);
    expect(runtime.exports.opa_heap_ptr_get()).toBe(top);
  });

  it('aborts on a bad or double free', () => {
    const a = runtime.exports.opa_malloc(16);
    runtime.exports.opa_malloc(16);
    expect(() => runtime.exports.opa_free(a + 4)).toThrow(RuntimeAbort);
    runtime.exports.opa_free(a);
    expect(() => runtime.exports.opa_free(a)).toThrow('opa_free: bad pointer');
  });

  it('discards everything above a reset heap pointer, including free blocks', () => {
    const mark = runtime.exports.opa_heap_ptr_get();
    const a = runtime.exports.opa_malloc(24);
    runtime.exports.opa_malloc(24);
    runtime.exports.opa_free(a);
    runtime.exports.opa_heap_ptr_set(mark);
    expect(runtime.exports.opa_heap_ptr_get()).toBe(mark);
    // The freed block is forgotten: the next allocation comes from the (reset) top.
    expect(runtime.exports.opa_malloc(24)).toBe(mark + 8);
  });

  it('aligns an unaligned heap pointer from the host', () => {
    const mark = runtime.exports.opa_heap_ptr_get();
    runtime.exports.opa_heap_ptr_set(mark + 13);
    const block = runtime.exports.opa_malloc(1);
    expect(block % 8).toBe(0);
    expect(block).toBeGreaterThan(mark + 13);
  });

  it('grows memory when the heap needs more pages', () => {
    const pagesBefore = runtime.memory.buffer.byteLength / 65536;
    const block = runtime.exports.opa_malloc(3 * 65536);
    expect(runtime.memory.buffer.byteLength / 65536).toBeGreaterThan(pagesBefore);
    new Uint8Array(runtime.memory.buffer).fill(7, block, block + 3 * 65536);
  });

  it('keeps stashed free blocks across heap resets and restores them', () => {
    const a = runtime.exports.opa_malloc(48);
    runtime.exports.opa_malloc(8);
    const dataTop = runtime.exports.opa_heap_ptr_get();
    runtime.exports.opa_free(a);
    runtime.exports.opa_heap_blocks_stash();
    runtime.exports.opa_malloc(48); // an evaluation: does not get the stashed block
    runtime.exports.opa_heap_ptr_set(dataTop);
    runtime.exports.opa_heap_blocks_restore();
    expect(runtime.exports.opa_malloc(48)).toBe(a);
  });

  it('drops stashed blocks on stash clear', () => {
    const a = runtime.exports.opa_malloc(48);
    runtime.exports.opa_malloc(8);
    runtime.exports.opa_free(a);
    runtime.exports.opa_heap_blocks_stash();
    runtime.exports.opa_heap_stash_clear();
    runtime.exports.opa_heap_blocks_restore();
    expect(runtime.exports.opa_malloc(48)).not.toBe(a);
  });
});
