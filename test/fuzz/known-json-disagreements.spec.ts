/**
 * Minimal examples of the JSON parser's disagreements with `JSON.parse` that the fuzzer
 * found (see known-json-disagreements.ts). Each `it.failing` is a bug report for
 * libs/rego: when the runtime is fixed, the test passes, Jest flags it, and the entry (and
 * its tolerance in the differential properties) must be removed.
 */
import { referenceVerdict } from './json-oracle';
import { KNOWN_JSON_DISAGREEMENTS } from './known-json-disagreements';
import { WasmJsonHarness } from './wasm-json-harness';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('known JSON parser disagreements (reported bugs)', () => {
  const direct = WasmJsonHarness.create();
  const fastPath = WasmJsonHarness.create('fast path');

  it('names exactly the bugs below', () => {
    expect(KNOWN_JSON_DISAGREEMENTS.map((known) => known.bug)).toEqual([
      'lone surrogate escape becomes U+FFFD',
      'empty input is evaluated as undefined on the opa_eval path',
    ]);
  });

  // BUG (libs/rego runtime json-parse): "\ud800" is valid JSON; the module yields "\ufffd".
  it.failing('lone surrogate escape becomes U+FFFD: "\\ud800" keeps its code unit', () => {
    expect(direct.parseDirectly(bytesOf('"\\ud800"'))).toEqual({ accepted: true, value: '\ud800' });
  });

  // BUG (libs/rego runtime abi-eval opa_eval): an input of length 0 is taken as "no input"
  // instead of being rejected like any other non-JSON input (the context path rejects it).
  it.failing('empty input is evaluated as undefined on the opa_eval path: it is rejected', () => {
    expect(referenceVerdict(new Uint8Array())).toEqual({ valid: false });
    expect(fastPath.evaluate(new Uint8Array())).toEqual({ accepted: false });
  });
});

describe('documented nesting bound (json-parse MAX_DEPTH = 1000)', () => {
  const harness = WasmJsonHarness.create();
  const nested = (depth: number): Uint8Array => bytesOf('['.repeat(depth) + ']'.repeat(depth));

  it('parses 1000 levels of nesting to the same value as JSON.parse', () => {
    const reference = referenceVerdict(nested(1000));
    expect(reference.valid).toBe(true);
    expect(harness.parseDirectly(nested(1000))).toEqual({
      accepted: true,
      value: (reference as { value: unknown }).value,
    });
  });

  it.each([1001, 100_000])(
    'rejects %d levels cleanly (no stack overflow) and stays healthy',
    (depth) => {
      expect(harness.parseDirectly(nested(depth))).toEqual({ accepted: false });
      expect(harness.evaluate(nested(depth))).toEqual({ accepted: false });
      expect(harness.stillHealthy()).toBe(true);
    },
  );
});
