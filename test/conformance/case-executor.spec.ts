/** The worker executor keeps a run going when a case hangs or kills its thread. */
import { join } from 'node:path';
import { WorkerCaseExecutor } from './case-executor';
import type { PreparedCase } from './conformance-case';
import { prepareRegorusCase } from './regorus-cases';

function caseWithNote(note: string): PreparedCase {
  return prepareRegorusCase(
    { note, modules: [], query: 'data.x', no_result: true },
    'a.yaml',
    '.',
    0,
  );
}

describe('WorkerCaseExecutor', () => {
  it('stops a hanging case after the timeout and runs the next one in a fresh worker', async () => {
    const executor = new WorkerCaseExecutor(
      1_500,
      join(__dirname, 'fixtures', 'fake-case-worker.ts'),
    );
    try {
      expect(await executor.run(caseWithNote('first'))).toEqual({
        kind: 'results',
        resultSets: [[{ note: 'first' }]],
      });
      expect(await executor.run(caseWithNote('hang'))).toMatchObject({
        kind: 'runtime-error',
        failure: { kind: 'timeout' },
      });
      expect(await executor.run(caseWithNote('after hang'))).toEqual({
        kind: 'results',
        resultSets: [[{ note: 'after hang' }]],
      });
      expect(await executor.run(caseWithNote('exit'))).toMatchObject({
        kind: 'runtime-error',
        failure: { kind: 'crash', message: expect.stringContaining('exited with code 3') },
      });
      expect(await executor.run(caseWithNote('after exit'))).toEqual({
        kind: 'results',
        resultSets: [[{ note: 'after exit' }]],
      });
    } finally {
      await executor.close();
    }
  }, 60_000);

  it('fails every case with the reason when the worker cannot load', async () => {
    const executor = new WorkerCaseExecutor(
      5_000,
      join(__dirname, 'fixtures', 'does-not-exist.ts'),
    );
    try {
      const outcome = await executor.run(caseWithNote('a'));
      expect(outcome).toMatchObject({ kind: 'runtime-error', failure: { kind: 'load' } });
      expect(await executor.run(caseWithNote('b'))).toEqual(outcome);
    } finally {
      await executor.close();
    }
  }, 60_000);
});
