import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * An HTTP dependency (identity provider, audit collector) that can go down — connections
 * refused — and come back on the same port, as a real one does during an outage.
 */
export class RestartableHttpServer {
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly handler: RequestHandler) {}

  /** Base URL; the port is fixed by the first `start()`. */
  get origin(): string {
    if (this.port === 0) throw new Error('start the server once before asking for its URL');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens (again) on the port of the first start. */
  async start(): Promise<void> {
    const server = createServer(this.handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Goes down: open connections are cut and new ones refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
