import type { AuditRecord } from '@coresdk/core-sdk/audit/audit-record.interface';
import { RestartableHttpServer } from './restartable-http-server';

/** One POST the collector accepted: the stream it came in on and its records. */
export interface CollectedBatch {
  path: string;
  tenant: string;
  records: AuditRecord[];
}

/**
 * An audit collector for the HTTP batch sink (`POST {"tenant", "records"}`) that can be
 * taken down and brought back. `waitForRecords` resolves on the POST that reaches a count,
 * so tests await delivery instead of sleeping.
 */
export class AuditCollector extends RestartableHttpServer {
  readonly batches: CollectedBatch[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor() {
    super((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<
          CollectedBatch,
          'path'
        >;
        this.batches.push({ path: request.url ?? '', ...body });
        response.writeHead(204).end();
        this.waiters = this.waiters.filter((waiter) => {
          if (this.records.length < waiter.count) return true;
          waiter.resolve();
          return false;
        });
      });
    });
  }

  get records(): AuditRecord[] {
    return this.batches.flatMap((batch) => batch.records);
  }

  /** Resolves once `count` records arrived; rejects after `timeoutMs`. */
  waitForRecords(count: number, timeoutMs: number): Promise<void> {
    if (this.records.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `collector has ${this.records.length} of ${count} records after ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}
