/**
 * Worker-thread entry: runs cases sent by `WorkerCaseExecutor`, one at a time. Loading the
 * compiler happens here, after the first message is possible, so that a compiler that
 * fails to load is reported once instead of crashing the thread silently.
 */
import { parentPort } from 'node:worker_threads';
import type { PreparedCase, RunOutcome } from './conformance-case';

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'startup-error'; message: string }
  | { type: 'outcome'; outcome: RunOutcome };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('case-worker must run in a worker thread');
  let execute: (testCase: PreparedCase) => Promise<RunOutcome>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    execute = (require('./execute-case') as typeof import('./execute-case')).executeCase;
  } catch (error) {
    port.postMessage({
      type: 'startup-error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies WorkerReply);
    return;
  }
  port.on('message', (testCase: PreparedCase) => {
    void execute(testCase)
      .catch((error: unknown): RunOutcome => ({
        kind: 'runtime-error',
        failure: {
          kind: 'crash',
          code: null,
          message: error instanceof Error ? error.message : String(error),
        },
      }))
      .then((outcome) => port.postMessage({ type: 'outcome', outcome } satisfies WorkerReply));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

void main();
