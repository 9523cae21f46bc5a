/**
 * Decides a case: compares what running it produced (`RunOutcome`) with what the case
 * expects. Pure, so every rule here is covered by table tests.
 */
import type {
  Expectation,
  PreparedCase,
  ResultShape,
  RunOutcome,
  RuntimeFailure,
  Verdict,
} from './conformance-case';
import { canonicalJson, compareJson, jsonEqual, unorderedEqual } from './json-values';
import { decodeExpected, describeExpected, matchesExpected } from './regorus-markers';

const pass: Verdict = { status: 'passed' };

function fail(reason: string, diff?: string): Verdict {
  return diff === undefined ? { status: 'failed', reason } : { status: 'failed', reason, diff };
}

export function judge(
  testCase: Pick<PreparedCase, 'expectation' | 'resultShape'>,
  outcome: RunOutcome,
): Verdict {
  const expectation = testCase.expectation;
  switch (expectation.kind) {
    case 'result-set':
    case 'defined':
    case 'regorus-values':
    case 'no-result':
      return judgeSuccess(expectation, testCase.resultShape, outcome);
    case 'error':
      return judgeOpaError(expectation, outcome);
    case 'regorus-error':
      return judgeRegorusError(expectation, outcome);
  }
}

function judgeSuccess(expectation: Expectation, shape: ResultShape, outcome: RunOutcome): Verdict {
  if (outcome.kind !== 'results') return fail(`expected a result, got ${describeOutcome(outcome)}`);
  switch (expectation.kind) {
    case 'result-set': {
      const actual = outcome.resultSets.flat();
      const normalise = (binding: Record<string, unknown>) =>
        expectation.sortBindings ? sortBindingArrays(binding) : binding;
      if (unorderedEqual(actual.map(normalise), expectation.want.map(normalise), jsonEqual))
        return pass;
      return fail(
        'result set differs',
        `want ${canonicalJson(expectation.want)}\ngot  ${canonicalJson(actual)}`,
      );
    }
    case 'defined': {
      const defined = outcome.resultSets.flat().length > 0;
      return defined === expectation.defined
        ? pass
        : fail(`expected the query to be ${expectation.defined ? 'defined' : 'undefined'}`);
    }
    case 'regorus-values': {
      const actual = outcome.resultSets.flatMap((solutions) => regorusEntries(solutions, shape));
      const want = expectation.want.map(decodeExpected);
      const diff = `want ${want.map(describeExpected).join(' ; ')}\ngot  ${actual.map((entry) => canonicalJson(entry)).join(' ; ')}`;
      if (actual.length !== want.length)
        return fail(`expected ${want.length} result(s), got ${actual.length}`, diff);
      return want.every((expected, index) => matchesExpected(actual[index], expected))
        ? pass
        : fail('result differs', diff);
    }
    case 'no-result': {
      const count = outcome.resultSets.flat().length;
      return count === 0
        ? pass
        : fail(`expected no result, got ${count}`, `got ${canonicalJson(outcome.resultSets)}`);
    }
    default:
      return fail(`internal: ${expectation.kind} is not a success expectation`);
  }
}

function judgeOpaError(
  expectation: Extract<Expectation, { kind: 'error' }>,
  outcome: RunOutcome,
): Verdict {
  const want = expectation.code ?? `an error containing ${JSON.stringify(expectation.text)}`;
  if (outcome.kind === 'results') {
    // strict_error cases run here with strict built-in errors on (the lenient run is judged
    // by judgeLenientRun), so an undefined result means the built-in did not fail.
    const mode = expectation.strictOnly ? ' with strict built-in errors' : '';
    return fail(`expected ${want}${mode}, got ${describeOutcome(outcome)}`);
  }
  const problem = notAnExpectedError(outcome);
  if (problem) return fail(`expected ${want}, got ${problem}`);
  const errors = outcomeErrors(outcome);
  if (expectation.code !== null) {
    return errors.some((error) => error.code === expectation.code)
      ? pass
      : fail(
          `expected ${expectation.code}, got ${errors.map((error) => `${error.code ?? 'error'}: ${error.message}`).join('; ')}`,
        );
  }
  const text = expectation.text ?? '';
  return errors.some((error) => error.message.includes(text))
    ? pass
    : fail(`expected an error containing ${JSON.stringify(text)}, got ${describeOutcome(outcome)}`);
}

/**
 * The second run of an OPA `strict_error` case, without strict built-in errors: the failing
 * built-in makes its expression undefined, so the query must have no solution (README).
 */
export function judgeLenientRun(outcome: RunOutcome): Verdict {
  if (outcome.kind !== 'results')
    return fail(
      `expected an undefined result without strict built-in errors, got ${describeOutcome(outcome)}`,
    );
  const count = outcome.resultSets.flat().length;
  return count === 0
    ? pass
    : fail(
        `expected an undefined result without strict built-in errors, got ${count} solution(s)`,
        `got ${canonicalJson(outcome.resultSets)}`,
      );
}

function judgeRegorusError(
  expectation: Extract<Expectation, { kind: 'regorus-error' }>,
  outcome: RunOutcome,
): Verdict {
  if (outcome.kind === 'results') {
    // regorus cases run with strict built-in errors (README), so a built-in that should have
    // failed but left the result undefined is a failure too.
    return fail(`expected an error (${expectation.text}), got ${describeOutcome(outcome)}`);
  }
  // regorus's texts are its own (README trap 3): any genuine compile or evaluation error passes.
  const problem = notAnExpectedError(outcome);
  return problem ? fail(`expected an error (${expectation.text}), got ${problem}`) : pass;
}

/**
 * Failures that show a broken compiler or harness rather than the policy's own error:
 * they never satisfy an "expect an error" case.
 */
function notAnExpectedError(outcome: Exclude<RunOutcome, { kind: 'results' }>): string | null {
  if (outcome.kind === 'compile-error') {
    const internal = outcome.diagnostics.find((diagnostic) =>
      diagnostic.message.startsWith('internal compiler error'),
    );
    return internal ? `${internal.where}: ${internal.message}` : null;
  }
  return outcome.failure.kind === 'error' ? null : describeFailure(outcome.failure);
}

function outcomeErrors(
  outcome: Exclude<RunOutcome, { kind: 'results' }>,
): Array<{ code: string | null; message: string }> {
  return outcome.kind === 'compile-error' ? outcome.diagnostics : [outcome.failure];
}

/**
 * regorus's harness: one solution gives one entry (bindings, or for a var-less query its
 * value); several solutions give one entry each.
 */
export function regorusEntries(
  solutions: Array<Record<string, unknown>>,
  shape: ResultShape,
): unknown[] {
  return solutions.map((bindings) => {
    if (shape.kind === 'value')
      return solutions.length === 1 ? bindings[shape.variable] : [bindings[shape.variable]];
    // A var-less expression query: its expression values are not in a Wasm result set.
    return Object.keys(bindings).length > 0
      ? bindings
      : { '<expression values unavailable>': true };
  });
}

/** OPA `sort_bindings`: sorts the array value of each binding. */
export function sortBindingArrays(binding: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(binding).map(([name, value]) => [
      name,
      Array.isArray(value) ? [...value].sort(compareJson) : value,
    ]),
  );
}

export function describeOutcome(outcome: RunOutcome): string {
  switch (outcome.kind) {
    case 'compile-error':
      return `compile errors: ${outcome.diagnostics
        .slice(0, 3)
        .map((diagnostic) => `${diagnostic.where}: ${diagnostic.code}: ${diagnostic.message}`)
        .join(
          '; ',
        )}${outcome.diagnostics.length > 3 ? ` (+${outcome.diagnostics.length - 3} more)` : ''}`;
    case 'runtime-error':
      return describeFailure(outcome.failure);
    case 'results':
      return `results ${canonicalJson(outcome.resultSets.length === 1 ? outcome.resultSets[0] : outcome.resultSets)}`;
  }
}

function describeFailure(failure: RuntimeFailure): string {
  const label = failure.kind === 'error' ? (failure.code ?? 'runtime error') : failure.kind;
  return `${label}: ${failure.message}`;
}
