/**
 * Minimal examples of the two places where the Wasm JSON parser deliberately differs from
 * `JSON.parse` (see known-json-disagreements.ts). Both follow OPA rather than JavaScript:
 * the tests pin the behaviour so that a change to it is a conscious one.
 */
import { referenceVerdict } from './json-oracle';
import { KNOWN_JSON_DISAGREEMENTS } from './known-json-disagreements';
import { WasmJsonHarness } from './wasm-json-harness';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('documented JSON parser deviations from JSON.parse', () => {
  const direct = WasmJsonHarness.create();
  const fastPath = WasmJsonHarness.create('fast path');

  it('names exactly the bugs below', () => {
    expect(KNOWN_JSON_DISAGREEMENTS.map((known) => known.bug)).toEqual([
      'lone surrogate escape becomes U+FFFD',
      'empty input is evaluated as undefined on the opa_eval path',
    ]);
  });

  // Module strings are UTF-8, which cannot hold a lone surrogate; like Go's encoding/json
  // (and so OPA), the parser substitutes U+FFFD instead of rejecting the document.
  it('lone surrogate escape becomes U+FFFD: "\\ud800" parses to "\\ufffd"', () => {
    expect(direct.parseDirectly(bytesOf('"\\ud800"'))).toEqual({ accepted: true, value: '\ufffd' });
  });

  // The OPA Wasm ABI (opa_eval, 1.2) defines input_len 0 as "input undefined", and opa-wasm
  // itself passes 0 for JS-falsy inputs; the context path parses the bytes and rejects them.
  it('empty input is evaluated as undefined on the opa_eval path, as the ABI defines', () => {
    expect(referenceVerdict(new Uint8Array())).toEqual({ valid: false });
    // The echo entrypoint is undefined when input is: an empty result set.
    expect(fastPath.evaluate(new Uint8Array())).toEqual({ unexpected: [] });
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
