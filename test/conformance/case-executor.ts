/**
 * Where cases run. The worker executor isolates each case in a worker thread so that a
 * case that hangs (an endless loop in compiled code is synchronous and cannot be
 * interrupted in-process) is stopped after the per-case timeout and the run goes on.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { PreparedCase, RunOutcome } from './conformance-case';
import type { WorkerReply } from './case-worker';

export interface CaseExecutor {
  run(testCase: PreparedCase): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** Runs cases in this thread: no hard timeout; for debugging and tests with fakes. */
export class InProcessCaseExecutor implements CaseExecutor {
  constructor(private readonly execute?: (testCase: PreparedCase) => Promise<RunOutcome>) {}

  async run(testCase: PreparedCase): Promise<RunOutcome> {
    try {
      const execute =
        this.execute ??
        // Loaded on first use: the compiler may not load, and that must be a case failure.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('./execute-case') as typeof import('./execute-case')).executeCase;
      return await execute(testCase);
    } catch (error) {
      return {
        kind: 'runtime-error',
        failure: {
          kind: 'crash',
          code: null,
          message: error instanceof Error ? error.message : String(error),
        },
      };
    }
  }

  async close(): Promise<void> {}
}

/** Loading tsx and the whole compiler in a fresh thread takes a few seconds on a busy machine. */
const STARTUP_TIMEOUT_MS = 120_000;

function failure(kind: 'crash' | 'timeout' | 'load', message: string): RunOutcome {
  return { kind: 'runtime-error', failure: { kind, code: null, message } };
}

/** Runs cases one at a time in a worker thread, replacing the worker after a timeout or crash. */
export class WorkerCaseExecutor implements CaseExecutor {
  private worker: Worker | null = null;
  private ready: Promise<string | null> | null = null;
  /** Set when the compiler cannot even be loaded: every case fails with it, without respawning. */
  private startupError: string | null = null;

  /**
   * @param timeoutMs per-case limit (compile + load + evaluate)
   * @param workerModule the worker entry (tests pass a fake that speaks the same protocol)
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly workerModule: string = join(__dirname, 'case-worker.ts'),
  ) {}

  async run(testCase: PreparedCase): Promise<RunOutcome> {
    if (this.startupError)
      return failure('load', `the compiler could not be loaded: ${this.startupError}`);
    const worker = this.ensureWorker();
    const startupError = await this.ready;
    if (startupError) {
      this.startupError = startupError;
      await this.close();
      return failure('load', `the compiler could not be loaded: ${startupError}`);
    }
    return new Promise<RunOutcome>((resolve) => {
      const settle = (outcome: RunOutcome, replaceWorker: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replaceWorker) void this.close();
        resolve(outcome);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'outcome') settle(reply.outcome, false);
      };
      const onError = (error: Error) =>
        settle(failure('crash', `worker error: ${error.message}`), true);
      const onExit = (code: number) =>
        settle(failure('crash', `worker exited with code ${code}`), true);
      const timer = setTimeout(
        () => settle(failure('timeout', `no answer within ${this.timeoutMs} ms`), true),
        this.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(testCase);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // The worker runs TypeScript through tsx's require hook, in jest and under `tsx` alike.
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(this.workerModule)});`;
    const worker = new Worker(bootstrap, { eval: true });
    // A worker blocked in a case must not keep the process alive after the run.
    worker.unref();
    this.ready = new Promise<string | null>((resolve) => {
      const onReply = (reply: WorkerReply) => {
        if (reply.type === 'ready') resolve(null);
        else if (reply.type === 'startup-error') resolve(reply.message);
        else return;
        worker.off('message', onReply);
      };
      worker.on('message', onReply);
      worker.once('error', (error) => resolve(error.stack ?? error.message));
      worker.once('exit', (code) => resolve(`worker exited with code ${code} while starting`));
      setTimeout(
        () => resolve(`worker did not start within ${STARTUP_TIMEOUT_MS} ms`),
        STARTUP_TIMEOUT_MS,
      ).unref();
    });
    this.worker = worker;
    return worker;
  }
}
