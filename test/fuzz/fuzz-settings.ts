/**
 * How hard the fuzz properties push. `npm test` runs a bounded, reproducible slice (fixed
 * seed, a few thousand cases in all); `npm run fuzz:long` sets FUZZ_RUNS (and a fresh
 * FUZZ_SEED) so the same properties run for as long as one is willing to wait.
 */
import type { Parameters as FastCheckParameters } from 'fast-check';

/** The seed of the bounded CI run: fixed, so a CI failure reproduces locally as is. */
const BOUNDED_SEED = 20_261_130;

function readInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Runs per property in the long mode (FUZZ_RUNS), or undefined in the bounded CI mode. */
export const LONG_RUNS = readInteger('FUZZ_RUNS');
export const FUZZ_SEED = readInteger('FUZZ_SEED') ?? BOUNDED_SEED;

/**
 * Upper bound on one input (parse, compile or JSON parse). Generous: the CI box has two
 * loaded cores; a real hang or blow-up overshoots it by orders of magnitude.
 */
export const PER_INPUT_BOUND_MS = readInteger('FUZZ_INPUT_MS') ?? 3_000;

/** Jest's timeout for one property: the bounded run is short, the long one unbounded. */
export const PROPERTY_TIMEOUT_MS = LONG_RUNS === undefined ? 60_000 : 2 ** 31 - 1;

/**
 * fast-check parameters of a property that runs `boundedRuns` cases in CI. The seed is
 * shared by all properties; each failure report repeats it together with the path.
 */
export function fuzzParameters<T>(boundedRuns: number): FastCheckParameters<T> {
  return { numRuns: LONG_RUNS ?? boundedRuns, seed: FUZZ_SEED, endOnFailure: true };
}

/** Runs `body` and fails if it took longer than the per-input bound. */
export function withinBound<T>(what: string, input: string, body: () => T): T {
  const started = performance.now();
  const result = body();
  const elapsed = performance.now() - started;
  if (elapsed > PER_INPUT_BOUND_MS) {
    throw new Error(
      `${what} took ${Math.round(elapsed)} ms (bound ${PER_INPUT_BOUND_MS} ms) on ${JSON.stringify(input.slice(0, 500))}`,
    );
  }
  return result;
}
