import { RuntimeInstance, runtimeBytes } from './runtime-harness';
import { splicePolicy } from './spliced-policy';

describe('runtime evaluation plumbing', () => {
  const bytes = runtimeBytes();
  const spliced = splicePolicy(bytes);
  let runtime: RuntimeInstance;
  let x: Record<string, any>;
  let dataHeapTops: Map<number, number>;
  beforeEach(() => {
    dataHeapTops = new Map();
    runtime = new RuntimeInstance(spliced.bytes, 4);
    x = runtime.exports;
  });

  it('reads the spliced heap base lazily, on first use', () => {
    expect(x.opa_heap_ptr_get()).toBe(spliced.heapBase);
  });

  it('has no start function that could run before the splice is visible', () => {
    // A module with a start section would have touched the heap during instantiation;
    // here the first allocation lands exactly at the spliced base.
    expect(x.opa_malloc(8)).toBe(spliced.heapBase + 8);
  });

  /** Mimics the SDK's fast path: input bytes at the data heap top, heap pointer past them. */
  function fastEval(entrypoint: number, data: number, input: string | undefined, format = 0) {
    // Like the SDK: the data heap top is where the heap stood after the data was loaded.
    const dataHeapTop = dataHeapTops.get(data) ?? x.opa_heap_ptr_get();
    dataHeapTops.set(data, dataHeapTop);
    let inputAddress = 0;
    let inputLength = 0;
    if (input !== undefined) {
      const encoded = Buffer.from(input, 'utf8');
      new Uint8Array(runtime.memory.buffer).set(encoded, dataHeapTop);
      inputAddress = dataHeapTop;
      inputLength = encoded.length;
    }
    const result = x.opa_eval(
      0,
      entrypoint,
      data,
      inputAddress,
      inputLength,
      dataHeapTop + inputLength,
      format,
    );
    return runtime.readCString(result);
  }

  it('evaluates through opa_eval with the input copied below the heap pointer', () => {
    const data = runtime.value('{"d": 1}');
    expect(JSON.parse(fastEval(0, data, '{"user": "alice", "n": [1, 2]}'))).toEqual([
      { result: { user: 'alice', n: [1, 2] } },
    ]);
    expect(JSON.parse(fastEval(1, data, undefined))).toEqual([{ result: { d: 1 } }]);
    expect(JSON.parse(fastEval(0, data, undefined))).toEqual([]);
  });

  it('keeps the input bytes intact (the heap starts after them, unaligned)', () => {
    const data = runtime.value('{}');
    const top = x.opa_heap_ptr_get();
    const input = '"abc"'; // 5 bytes: the heap pointer handed over is unaligned
    const output = fastEval(0, data, input);
    expect(JSON.parse(output)).toEqual([{ result: 'abc' }]);
    expect(Buffer.from(new Uint8Array(runtime.memory.buffer, top, 5)).toString()).toBe(input);
  });

  it('serialises the result set as Rego terms with format 1', () => {
    const data = runtime.term('{"s": {1, 2}}');
    expect(fastEval(1, data, undefined, 1)).toBe('{{"result":{"s":{1,2}}}}');
  });

  it('aborts on input that is not JSON', () => {
    expect(() => fastEval(0, runtime.value('{}'), '{bad')).toThrow('input is not valid JSON');
  });

  it('evaluates through the context API', () => {
    const context = x.opa_eval_ctx_new();
    x.opa_eval_ctx_set_input(context, runtime.value('[true]'));
    x.opa_eval_ctx_set_data(context, runtime.value('{}'));
    x.opa_eval_ctx_set_entrypoint(context, 0);
    expect(x.eval(context)).toBe(0);
    expect(runtime.toJs(x.opa_eval_ctx_get_result(context))).toEqual([{ result: [true] }]);
    const undefinedInput = x.opa_eval_ctx_new();
    x.eval(undefinedInput);
    expect(runtime.toJs(x.opa_eval_ctx_get_result(undefinedInput))).toEqual([]);
  });

  it('returns the placeholder builtins and entrypoints objects', () => {
    expect(runtime.dumpJson(x.builtins())).toBe('{}');
    expect(runtime.dumpJson(x.entrypoints())).toBe('{}');
  });

  it('survives many evaluations without growing the heap', () => {
    const data = runtime.value(
      '{"big": ' + JSON.stringify(Array.from({ length: 100 }, (_, i) => i)) + '}',
    );
    const top = x.opa_heap_ptr_get();
    for (let i = 0; i < 200; i++) fastEval(1, data, JSON.stringify({ i }));
    expect(x.opa_heap_ptr_get()).toBeLessThan(top + 64 * 1024);
    expect(runtime.memory.buffer.byteLength).toBe(4 * 65536);
  });
});
