import fc from 'fast-check';
import { allowPolicy } from '../wasm/sample-policies';
import { loadIr, VARIANTS } from './harness';

interface PolicyExports {
  opa_malloc(size: number): number;
  opa_json_parse(address: number, length: number): number;
  opa_json_dump(value: number): number;
  opa_heap_ptr_get(): number;
  opa_heap_ptr_set(address: number): void;
}

/** Arbitrary bytes, biased towards JSON-looking text so that the parser gets deep. */
const jsonishBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }).map((text) => new TextEncoder().encode(text)),
  fc
    .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }))
    .map(([text, position, noise]) => {
      const bytes = new TextEncoder().encode(text);
      const at = position % (bytes.length + 1);
      return Uint8Array.from([...bytes.slice(0, at), ...noise, ...bytes.slice(at)]);
    }),
);

function isValidJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

describe('fuzz: arbitrary bytes never hang or corrupt the module', () => {
  const variant = VARIANTS[0];

  it('opa_json_parse returns 0 or a value that dumps back to equivalent JSON', async () => {
    const policy = await loadIr(variant, allowPolicy());
    const exports = (policy.wasmInstance as unknown as { exports: PolicyExports }).exports;
    const memory = policy.mem;
    const base = exports.opa_heap_ptr_get();
    fc.assert(
      fc.property(jsonishBytes, (bytes) => {
        exports.opa_heap_ptr_set(base);
        const address = exports.opa_malloc(bytes.length);
        new Uint8Array(memory.buffer).set(bytes, address);
        const value = exports.opa_json_parse(address, bytes.length);
        if (value === 0) return !isValidJson(bytes) || bytes.length === 0;
        const dumped = exports.opa_json_dump(value);
        const view = new Uint8Array(memory.buffer);
        let end = dumped;
        while (view[end] !== 0) end++;
        const text = new TextDecoder().decode(view.slice(dumped, end));
        // Valid input must round-trip; the module may also accept a superset we do not judge.
        const reparsed = JSON.parse(text);
        if (isValidJson(bytes)) {
          expect(reparsed).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it.each(VARIANTS)(
    'evaluate(ArrayBuffer) gives a result or a clean error ($name)',
    async (each) => {
      const policy = await loadIr(each, allowPolicy());
      fc.assert(
        fc.property(jsonishBytes, (bytes) => {
          const buffer = bytes.slice().buffer;
          try {
            const result = policy.evaluate(buffer, 'test/allow');
            expect(Array.isArray(result)).toBe(true);
          } catch (error) {
            // opa-wasm reports parse failures by throwing a string or an Error with a message.
            expect(typeof error === 'string' || error instanceof Error).toBe(true);
          }
          // The instance still answers correctly afterwards.
          expect(policy.evaluate({ x: 1 }, 'test/allow')).toEqual([{ result: true }]);
          return true;
        }),
        { numRuns: 150 },
      );
    },
  );
});
