import type { JWK } from 'jose';
import { RestartableHttpServer } from './restartable-http-server';

/** A JWKS endpoint whose key set can change while it is down (the provider rotated). */
export class RestartableJwksServer extends RestartableHttpServer {
  hits = 0;

  constructor(public keys: JWK[]) {
    super((request, response) => {
      this.hits += 1;
      if (request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: this.keys }));
    });
  }

  get url(): string {
    return `${this.origin}/jwks.json`;
  }
}
