/**
 * Fuzzing the compiler front to back (lexer, parser, checker, planner, code generator):
 * whatever the text, the result is a module or diagnostics, never an exception, never over
 * the per-input time bound, never an internal error. Inputs come from three sources: real
 * corpus policies mutated under coverage feedback, grammar-generated modules, raw bytes.
 */
import fc from 'fast-check';
import { compileHandled, evaluateHandled, parseHandled } from './compile-oracle';
import { FeedbackPool } from './feedback-pool';
import { FUZZ_SEED, fuzzParameters, PROPERTY_TIMEOUT_MS } from './fuzz-settings';
import { regoModuleArbitrary } from './rego-grammar';
import { loadRegoCorpus } from './rego-corpus';
import {
  availableDefaultCorpora,
  DEFAULT_CORPORA,
  SHARED_DIR,
} from '../conformance/shared-corpora';

const corpus = loadRegoCorpus().map((module) => module.source);
/** The corpus-mutation properties need the shared corpora; without them they skip, saying so. */
const sharedPresent = availableDefaultCorpora().length === DEFAULT_CORPORA.length;
const itWithCorpus = sharedPresent ? it : it.skip;
if (!sharedPresent) {
  console.log(`compiler fuzz: ${SHARED_DIR} is absent; the corpus-mutation properties are skipped`);
}

/** Raw bytes read as UTF-8 (with replacement characters) and as Latin-1. */
const rawText = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

beforeAll(() => {
  // Printed once per file so a long run can be repeated exactly (FUZZ_SEED=…).
  console.log(`compiler fuzz: seed ${FUZZ_SEED}, ${corpus.length} corpus modules`);
});

describe('compiler fuzzing', () => {
  itWithCorpus('reads the shared corpora (the mutations need real policies)', () => {
    // Fewer means /work/shared is missing: the properties would then fuzz only the few
    // repository policies, which must not pass silently.
    expect(corpus.length).toBeGreaterThan(500);
  });

  itWithCorpus(
    'parses mutated corpus policies into a module or diagnostics (coverage feedback)',
    () => {
      const pool = new FeedbackPool(corpus);
      fc.assert(
        fc.property(pool.mutatedInput(), (source) => pool.observe(source, parseHandled(source))),
        fuzzParameters(3_000),
      );
      console.log(`parse feedback: ${pool.signatureCount} outcome kinds, pool ${pool.size}`);
      // The feedback found outcomes beyond the seeds' own (otherwise it is not feeding back).
      expect(pool.signatureCount).toBeGreaterThan(20);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'parses raw bytes into diagnostics, never an exception',
    () => {
      fc.assert(
        fc.property(rawText, (source) => void parseHandled(source)),
        fuzzParameters(1_000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  itWithCorpus(
    'compiles mutated corpus policies (v0 and v1) into Wasm or diagnostics (coverage feedback)',
    () => {
      const pool = new FeedbackPool(corpus);
      fc.assert(
        fc.property(
          pool.mutatedInput(),
          fc.constantFrom('v0' as const, 'v1' as const),
          (source, version) => pool.observe(source, compileHandled(source, version).signature),
        ),
        fuzzParameters(1_000),
      );
      console.log(`compile feedback: ${pool.signatureCount} outcome kinds, pool ${pool.size}`);
      expect(pool.signatureCount).toBeGreaterThan(20);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'compiles grammar-generated modules, and what compiles loads and evaluates cleanly',
    () => {
      let compiled = 0;
      fc.assert(
        fc.property(regoModuleArbitrary, (source) => {
          const { result } = compileHandled(source);
          if (!result.ok) return;
          compiled += 1;
          evaluateHandled(result, source);
        }),
        fuzzParameters(800),
      );
      // The generator must produce valid modules too, or the back end goes unfuzzed.
      expect(compiled).toBeGreaterThan(15);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
