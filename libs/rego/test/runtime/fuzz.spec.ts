import fc from 'fast-check';
import { RuntimeAbort, RuntimeInstance, runtimeBytes } from './runtime-harness';
import { wasm } from './wasm-api';

/** Terms covering every type and the edge values builtins tend to trip on. */
const TERMS = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1.5',
  '255',
  '-2147483648',
  '1e300',
  '-1e300',
  '12345678901234567890',
  '""',
  '"a"',
  '"héllo, wörld 😀"',
  '"aGVsbG8="',
  '"YWI_Pg"',
  '"{\\"a\\": [1]}"',
  '"=="',
  '[]',
  '[1, 2, 3]',
  '["a", "b"]',
  '[{"a": 1}, {"b": 2}]',
  '[[1], {2}]',
  '{}',
  '{"a": 1, "b": {"c": [true]}}',
  '{1: "x", [2]: {3}}',
  'set()',
  '{1, 2, 3}',
  '{{1}, {2, 3}}',
  '{"a", "b"}',
];

describe('runtime robustness', () => {
  const bytes = runtimeBytes();
  const runtime = new RuntimeInstance(bytes, 16);
  const x = runtime.exports;
  const builtinExports = wasm.Module.exports(new wasm.Module(bytes))
    .map((entry) => entry.name)
    .filter((name) => name.startsWith('rt_builtin_'));
  const mark = x.opa_heap_ptr_get();

  it('calls every in-module builtin with arbitrary arguments without trapping', () => {
    expect(builtinExports.length).toBeGreaterThanOrEqual(80);
    fc.assert(
      fc.property(
        fc.constantFrom(...builtinExports),
        fc.array(fc.constantFrom(...TERMS), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (name, args, strict) => {
          x.opa_heap_ptr_set(mark);
          x.rt_set_strict_builtin_errors(strict ? 1 : 0);
          const values = args.map((arg) => runtime.term(arg));
          try {
            const result = x[name](...values);
            // Any result must be a well-formed value: it dumps and parses back.
            if (result !== 0) expect(runtime.parseTerm(runtime.dumpTerm(result))).not.toBe(0);
          } catch (error) {
            // Only deliberate aborts are allowed (strict errors, or a huge numbers.range).
            expect(error).toBeInstanceOf(RuntimeAbort);
            const message = (error as Error).message;
            expect(strict || message === 'out of memory').toBe(true);
            if (message !== 'out of memory') {
              expect(message).toMatch(/^eval_(builtin|type)_error: /);
            }
          } finally {
            x.rt_set_strict_builtin_errors(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never traps when parsing arbitrary bytes as Rego terms', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({
            unit: fc.constantFrom(...'{}[],:"\\ set()0123-.eE\u00e9abtrufnl'.split('')),
          }),
          fc.uint8Array({ maxLength: 48 }).map((data) => Buffer.from(data).toString('latin1')),
        ),
        (text) => {
          x.opa_heap_ptr_set(mark);
          const value = runtime.parseTerm(text);
          if (value !== 0) expect(runtime.parseTerm(runtime.dumpTerm(value))).not.toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
