import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

/**
 * A real JWKS endpoint on 127.0.0.1 (random port) whose keys and health the test
 * changes, counting every request it receives.
 */
export class JwksTestServer {
  hits = 0;
  keys: JWK[] = [];
  /** `failing` answers 503; `hanging` never answers (exercises the fetch timeout). */
  mode: 'up' | 'failing' | 'hanging' = 'up';
  /** When set, served verbatim instead of `{ keys }`. */
  rawBody: string | null = null;

  private constructor(private readonly server: Server) {}

  static async start(keys: JWK[] = []): Promise<JwksTestServer> {
    const server = createServer();
    const jwks = new JwksTestServer(server);
    jwks.keys = keys;
    server.on('request', (request, response) => {
      jwks.hits += 1;
      if (jwks.mode === 'hanging') return;
      if (jwks.mode === 'failing' || request.url !== '/jwks.json') {
        response.writeHead(jwks.mode === 'failing' ? 503 : 404).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(jwks.rawBody ?? JSON.stringify({ keys: jwks.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return jwks;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`;
  }

  /** Stops listening: from now on connections are refused. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
