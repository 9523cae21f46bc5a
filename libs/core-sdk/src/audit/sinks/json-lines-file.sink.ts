import { appendFile, mkdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AuditStats } from './audit-stats';
import { PermanentDeliveryError, type Deliver, type DeliveryPolicy } from './delivery-queue';
import { TenantRoutedSink } from './tenant-routed.sink';

/**
 * Appends each tenant's records to `<dir>/<tenant>.jsonl`, one JSON object per line, a
 * batch per write. Records without a tenant go to `_unauthenticated.jsonl`.
 */
export class JsonLinesFileSink extends TenantRoutedSink {
  private readonly dir: string;
  private directoryReady: Promise<unknown> | null = null;

  constructor(
    dir: string,
    policy: DeliveryPolicy & { shutdownTimeoutMs: number },
    stats: AuditStats,
  ) {
    super('file', policy, stats);
    this.dir = resolve(dir);
  }

  /** The stream's file; refuses any name that would resolve outside the folder. */
  fileOf(stream: string): string {
    const file = resolve(this.dir, `${stream}.jsonl`);
    if (!file.startsWith(this.dir + sep)) {
      throw new PermanentDeliveryError(`audit stream "${stream}" escapes ${this.dir}`);
    }
    return file;
  }

  protected deliverer(stream: string): Deliver {
    return async (batch) => {
      const file = this.fileOf(stream);
      // Retried after a failure (e.g. the folder was removed), so not cached on error.
      this.directoryReady ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
        this.directoryReady = null;
        throw error;
      });
      await this.directoryReady;
      await appendFile(file, batch.map((record) => JSON.stringify(record) + '\n').join(''), {
        mode: 0o600,
      });
    };
  }
}
