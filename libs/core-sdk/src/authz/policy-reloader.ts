import { PolicySourceError } from './policy-source.error';
import type { PolicySource } from './policy-source.interface';
import type { PolicyStore } from './policy-store';
import { recordReload, type ReloadOutcome } from './policy-reload-record';

export interface ReloaderOptions {
  /** File events within this window become one reload (editors save in several steps). */
  debounceMs?: number;
  /** After failed polls the wait doubles, up to this many poll intervals. */
  maxBackoffFactor?: number;
}

/**
 * Keeps the store on the source's latest good revision: reloads on debounced file events
 * or on each poll, one reload at a time. A revision that does not read, verify, compile or
 * validate is recorded and refused; the store keeps deciding with the last good one.
 */
export class PolicyReloader {
  private readonly debounceMs: number;
  private readonly maxBackoffFactor: number;
  private queue: Promise<unknown> = Promise.resolve();
  private debounceTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private failedPolls = 0;
  private stopped = false;

  constructor(
    private readonly source: PolicySource,
    private readonly store: PolicyStore,
    options: ReloaderOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 100;
    this.maxBackoffFactor = options.maxBackoffFactor ?? 10;
  }

  start(): void {
    const changes = this.source.changes;
    if (changes.kind === 'watch') this.unsubscribe = changes.subscribe(() => this.onFileEvent());
    if (changes.kind === 'poll') this.schedulePoll(changes.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  /** Reads the source now and swaps in what it holds; queued behind a reload in progress. */
  reload(): Promise<ReloadOutcome> {
    const run = this.queue.then(() => this.reloadOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadOnce(): Promise<ReloadOutcome> {
    const origin = this.source.origin;
    let outcome: ReloadOutcome;
    try {
      const snapshot = await this.source.read();
      if (!snapshot) {
        outcome = { outcome: 'unchanged', revision: this.store.revision, origin, diagnostics: [] };
      } else {
        const result = this.store.install(snapshot);
        outcome = result.ok
          ? {
              outcome: 'applied',
              revision: snapshot.revision,
              origin,
              diagnostics: result.diagnostics,
            }
          : {
              outcome: 'rejected',
              revision: snapshot.revision,
              origin,
              diagnostics: result.diagnostics,
            };
      }
    } catch (error) {
      const diagnostics =
        error instanceof PolicySourceError
          ? error.diagnostics
          : [`${origin}: ${(error as Error).message}`];
      outcome = { outcome: 'rejected', revision: null, origin, diagnostics };
      if (error instanceof PolicySourceError && error.transient) this.failedPolls++;
      recordReload(outcome);
      return outcome;
    }
    this.failedPolls = 0;
    recordReload(outcome);
    return outcome;
  }

  private onFileEvent(): void {
    if (this.stopped) return;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.reload();
    }, this.debounceMs);
    this.debounceTimer.unref();
  }

  private schedulePoll(intervalMs: number): void {
    if (this.stopped) return;
    const factor = Math.min(2 ** this.failedPolls, this.maxBackoffFactor);
    this.pollTimer = setTimeout(() => {
      void this.reload().finally(() => this.schedulePoll(intervalMs));
    }, intervalMs * factor);
    // Polling alone never keeps the process alive (a closing app must be able to exit).
    this.pollTimer.unref();
  }
}
