/** OPA `strict_error` cases run twice: strict (the error) and lenient (undefined). */
import { InProcessCaseExecutor } from './case-executor';
import type { PreparedCase, RunOutcome } from './conformance-case';
import { prepareOpaCase } from './opa-cases';
import { isStrictErrorCase, runCase } from './run-conformance';

const typeError: RunOutcome = {
  kind: 'runtime-error',
  failure: { kind: 'error', code: 'eval_type_error', message: 'eval_type_error: x: operand 1' },
};
const undefinedResult: RunOutcome = { kind: 'results', resultSets: [[]] };
const oneSolution: RunOutcome = { kind: 'results', resultSets: [[{ x: 1 }]] };

function strictErrorCase(): PreparedCase {
  return prepareOpaCase(
    {
      note: 'strict',
      query: 'data.test.p = x',
      modules: ['package test\n\np := array.flatten(1)\n'],
      strict_error: true,
      want_error_code: 'eval_type_error',
    },
    'a.yaml',
    '.',
    0,
  );
}

/** An executor answering by mode, recording the modes it was asked to run. */
function fakeExecutor(strict: RunOutcome, lenient: RunOutcome) {
  const modes: boolean[] = [];
  const executor = new InProcessCaseExecutor(async (testCase) => {
    modes.push(testCase.strictBuiltinErrors);
    return testCase.strictBuiltinErrors ? strict : lenient;
  });
  return { executor, modes };
}

describe('strict_error cases', () => {
  it('are recognised from the expectation', () => {
    expect(isStrictErrorCase(strictErrorCase())).toBe(true);
    const resultCase = prepareOpaCase(
      { query: 'x = 1', strict_error: true, want_result: [{ x: 1 }] },
      'a.yaml',
      '.',
      1,
    );
    expect(isStrictErrorCase(resultCase)).toBe(false);
  });

  it('pass when strict mode raises the error and lenient mode is undefined', async () => {
    const { executor, modes } = fakeExecutor(typeError, undefinedResult);
    expect((await runCase(strictErrorCase(), executor)).status).toBe('passed');
    expect(modes).toEqual([true, false]);
  });

  it('fail when strict mode gives no error', async () => {
    const { executor, modes } = fakeExecutor(undefinedResult, undefinedResult);
    const result = await runCase(strictErrorCase(), executor);
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('with strict built-in errors');
    expect(modes).toEqual([true]);
  });

  it('fail when lenient mode still raises or has a solution', async () => {
    for (const lenient of [typeError, oneSolution]) {
      const { executor } = fakeExecutor(typeError, lenient);
      const result = await runCase(strictErrorCase(), executor);
      expect(result.status).toBe('failed');
      expect(result.reason).toContain('without strict built-in errors');
    }
  });
});
