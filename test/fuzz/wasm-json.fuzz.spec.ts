/**
 * Differential fuzzing of the Wasm runtime's JSON parser against `JSON.parse`: whatever
 * the reference accepts must parse to an equal value, whatever it rejects must be
 * rejected, through `opa_json_parse` directly and through opa-wasm's `evaluate(ArrayBuffer)`.
 */
import fc from 'fast-check';
import { jsonBytesArbitrary } from './json-arbitraries';
import { describeBytes, jsonEqual, referenceVerdict } from './json-oracle';
import { knownAcceptanceBug, valueWithKnownBugs, type JsonPath } from './known-json-disagreements';
import { FUZZ_SEED, fuzzParameters, PROPERTY_TIMEOUT_MS, withinBound } from './fuzz-settings';
import { WasmJsonHarness, type ModuleVerdict } from './wasm-json-harness';

/**
 * Explains how the module's verdict differs from the reference's, or null when it agrees
 * (or the input falls under a known, reported bug: see known-json-disagreements.ts).
 */
function disagreement(
  path: JsonPath,
  bytes: Uint8Array,
  verdict: ModuleVerdict | { unexpected: unknown },
): string | null {
  const reference = referenceVerdict(bytes);
  if (knownAcceptanceBug(bytes, reference, path)) return null;
  if ('unexpected' in verdict) return `unexpected outcome ${JSON.stringify(verdict.unexpected)}`;
  if (reference.valid && !verdict.accepted) return `rejected valid JSON ${describeBytes(bytes)}`;
  if (!reference.valid && verdict.accepted) {
    return `accepted invalid JSON ${describeBytes(bytes)} as ${JSON.stringify(verdict.value)}`;
  }
  if (
    reference.valid &&
    verdict.accepted &&
    !jsonEqual(verdict.value, reference.value) &&
    !jsonEqual(verdict.value, valueWithKnownBugs(reference.value))
  ) {
    return `parsed ${describeBytes(bytes)} as ${JSON.stringify(verdict.value)}, expected ${JSON.stringify(reference.value)}`;
  }
  return null;
}

beforeAll(() => console.log(`wasm JSON fuzz: seed ${FUZZ_SEED}`));

describe('Wasm JSON parser fuzzing (reference: JSON.parse)', () => {
  it(
    'opa_json_parse agrees with JSON.parse on arbitrary and mutated bytes',
    () => {
      const harness = WasmJsonHarness.create();
      fc.assert(
        fc.property(jsonBytesArbitrary, (bytes) => {
          const verdict = withinBound('opa_json_parse', describeBytes(bytes), () =>
            harness.parseDirectly(bytes),
          );
          const problem = disagreement('opa_json_parse', bytes, verdict);
          if (problem) throw new Error(`opa_json_parse ${problem}`);
        }),
        fuzzParameters(3_000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(['fast path', 'context path'] as const)(
    'evaluate(ArrayBuffer) agrees with JSON.parse and leaves the instance healthy (%s)',
    (abi) => {
      const harness = WasmJsonHarness.create(abi);
      fc.assert(
        fc.property(jsonBytesArbitrary, (bytes) => {
          const verdict = withinBound('evaluate', describeBytes(bytes), () =>
            harness.evaluate(bytes),
          );
          const problem = disagreement(`evaluate (${abi})`, bytes, verdict);
          if (problem) throw new Error(`evaluate (${abi}) ${problem}`);
          if (!harness.stillHealthy())
            throw new Error(`instance damaged by ${describeBytes(bytes)}`);
        }),
        fuzzParameters(1_000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
