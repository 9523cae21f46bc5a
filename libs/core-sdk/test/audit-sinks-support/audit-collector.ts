import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the collector accepted. */
export interface ReceivedBatch {
  path: string;
  tenant: string;
  records: Array<Record<string, unknown>>;
}

/**
 * A real audit collector on 127.0.0.1 that a test can take down (connections refused) and
 * bring back on the same port, or make answer 503 / 400.
 */
export class AuditCollector {
  readonly batches: ReceivedBatch[] = [];
  /** Every POST, accepted or not. */
  attempts = 0;
  mode: 'up' | 'failing' | 'rejecting' = 'up';
  private server: Server;

  private constructor(private port: number) {
    this.server = this.createServer();
  }

  static async start(): Promise<AuditCollector> {
    const collector = new AuditCollector(0);
    await collector.listen();
    collector.port = (collector.server.address() as AddressInfo).port;
    return collector;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Records received for `path`, in arrival order. */
  recordsAt(path: string): Array<Record<string, unknown>> {
    return this.batches.filter((batch) => batch.path === path).flatMap((batch) => batch.records);
  }

  get recordCount(): number {
    return this.batches.reduce((sum, batch) => sum + batch.records.length, 0);
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    this.server = this.createServer();
    await this.listen();
  }

  private listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  private createServer(): Server {
    return createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.attempts += 1;
        if (this.mode !== 'up') {
          response.writeHead(this.mode === 'failing' ? 503 : 400).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        this.batches.push({ path: request.url ?? '/', tenant: body.tenant, records: body.records });
        response.writeHead(204).end();
      });
    });
  }
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
