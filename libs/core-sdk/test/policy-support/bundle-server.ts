import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real bundle server on 127.0.0.1, speaking the part of OPA's bundle service protocol a
 * poller relies on: `ETag` on every bundle, `304 Not Modified` for a matching
 * `If-None-Match`. `fail(status)` makes it answer errors until `publish` is called again.
 */
export class BundleServer {
  readonly requests: Array<{ status: number; ifNoneMatch: string | null; at: number }> = [];
  private bundle: Uint8Array | null = null;
  private etag = '';
  private failure: number | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/bundles/coresdk.tar.gz'): Promise<BundleServer> {
    let instance: BundleServer | null = null;
    const server = createServer((request, response) => instance!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    instance = new BundleServer(server, `http://127.0.0.1:${port}${path}`);
    return instance;
  }

  publish(bundle: Uint8Array): void {
    this.bundle = bundle;
    this.etag = `"${createHash('sha256').update(bundle).digest('hex').slice(0, 20)}"`;
    this.failure = null;
  }

  fail(status: number): void {
    this.failure = status;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ): void {
    const ifNoneMatch = request.headers['if-none-match'] ?? null;
    const status =
      this.failure ??
      (!this.bundle || request.url !== new URL(this.url).pathname
        ? 404
        : ifNoneMatch === this.etag
          ? 304
          : 200);
    this.requests.push({ status, ifNoneMatch, at: Date.now() });
    if (status !== 200) {
      response.writeHead(status, status === 304 ? { etag: this.etag } : {}).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/gzip', etag: this.etag })
      .end(Buffer.from(this.bundle!));
  }
}
