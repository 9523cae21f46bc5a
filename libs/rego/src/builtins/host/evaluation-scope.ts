/**
 * State that OPA keeps for one evaluation (the time of `time.now_ns`, the values of
 * `uuid.rfc4122` and `rand.intn` per key). opa-wasm evaluates synchronously, so the
 * state lives until the current task ends; a loader may also reset it explicitly
 * before each evaluation.
 */
const scopedValues = new Map<string, unknown>();
let resetQueued = false;

/** Forgets everything remembered for the current evaluation. */
export function resetEvaluationScope(): void {
  scopedValues.clear();
  resetQueued = false;
}

/** The value remembered under `key` for this evaluation, computing it on first use. */
export function evaluationScoped<T>(key: string, compute: () => T): T {
  if (scopedValues.has(key)) return scopedValues.get(key) as T;
  const value = compute();
  scopedValues.set(key, value);
  if (!resetQueued) {
    resetQueued = true;
    queueMicrotask(resetEvaluationScope);
  }
  return value;
}
