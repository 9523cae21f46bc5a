import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { ADAPTERS, createAppWithOptions } from './tenant-support/fixture-app';
import { JwksTestServer } from './tenant-support/jwks-server';
import { testOptions } from './tenant-support/test-config';
import { createSigningKey, signToken, type TestSigningKey } from './tenant-support/test-keys';

const COOLDOWN_MS = 1_000;

let firstKey: TestSigningKey;
let rotatedKey: TestSigningKey;
let strangerKey: TestSigningKey;

beforeAll(async () => {
  [firstKey, rotatedKey, strangerKey] = await Promise.all([
    createSigningKey('key-1'),
    createSigningKey('key-2'),
    createSigningKey('stranger'),
  ]);
});

/** A token that is not in the verified-token cache yet, so its key is looked up. */
const freshToken = (key: TestSigningKey, tenant = 'acme') =>
  signToken(key, tenant, { claims: { jti: randomUUID() } });

describe.each(ADAPTERS)('TenantGuard with a remote JWKS on %s', (adapter) => {
  describe('rotation, cooldown and outage', () => {
    let jwks: JwksTestServer;
    let app: INestApplication;
    const call = (token: string) =>
      request(app.getHttpServer()).get('/whoami').set('Authorization', `Bearer ${token}`);

    beforeAll(async () => {
      jwks = await JwksTestServer.start([firstKey.publicJwk]);
      app = await createAppWithOptions(
        adapter,
        testOptions({
          jwksUri: jwks.url,
          jwksCooldown: COOLDOWN_MS,
          jwksCacheMaxAge: '10m',
          jwksTimeout: 1_000,
        }),
      );
    });

    afterAll(async () => {
      await app?.close();
      await jwks?.stop();
    });

    // The steps share one app and one JWKS server on purpose: each builds on the key
    // cache state the previous one left.
    it('fetches the JWKS once, then serves known kids from the cache', async () => {
      const token = await freshToken(firstKey);
      expect((await call(token)).status).toBe(200);
      expect((await call(await freshToken(firstKey, 'globex'))).body.tenant).toBe('globex');
      expect(jwks.hits).toBe(1);
    });

    it('accepts a token with a new kid after refetching, and drops the removed kid', async () => {
      const oldToken = await freshToken(firstKey);
      expect((await call(oldToken)).status).toBe(200); // now in the verified-token cache
      jwks.keys = [rotatedKey.publicJwk];
      await sleep(COOLDOWN_MS + 50);

      const rotated = await call(await freshToken(rotatedKey));
      expect(rotated.status).toBe(200);
      expect(jwks.hits).toBe(2);

      // key-1 left the key set: even the cached verification of oldToken is void.
      const revoked = await call(oldToken);
      expect(revoked.status).toBe(401);
      expect(revoked.body.message).toBe('invalid token');
    });

    it('refetches at most once per cooldown however many unknown kids arrive', async () => {
      await sleep(COOLDOWN_MS + 50);
      const before = jwks.hits;
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 10 }, async () => call(await freshToken(strangerKey))),
      );
      for (let i = 0; i < 10; i += 1) {
        responses.push(await call(await freshToken(strangerKey)));
      }
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(401));
      // One refetch per cooldown window that the burst spans (normally exactly one; a
      // loaded CI machine may stretch the burst over a second window).
      const windows = 1 + Math.floor((Date.now() - started) / COOLDOWN_MS);
      expect(jwks.hits - before).toBeGreaterThanOrEqual(1);
      expect(jwks.hits - before).toBeLessThanOrEqual(windows);
    });

    it('keeps verifying known kids while the JWKS server is down; an unknown kid is a 401', async () => {
      await jwks.stop();
      await sleep(COOLDOWN_MS + 50);
      const unknown = await call(await freshToken(strangerKey));
      expect(unknown.status).toBe(401);
      expect(unknown.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(unknown.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'invalid token',
      });

      const known = await call(await freshToken(rotatedKey));
      expect(known.status).toBe(200);
      expect(known.body.context.tenant).toBe('acme');
    });
  });

  describe('a JWKS server that never answers', () => {
    let jwks: JwksTestServer;
    let app: INestApplication;

    beforeAll(async () => {
      jwks = await JwksTestServer.start([firstKey.publicJwk]);
      app = await createAppWithOptions(
        adapter,
        testOptions({ jwksUri: jwks.url, jwksCooldown: 0, jwksTimeout: 200 }),
      );
    });

    afterAll(async () => {
      await app?.close();
      await jwks?.stop();
    });

    it('bounds the wait by the timeout and answers 401, keeping the cached keys', async () => {
      const call = (token: string) =>
        request(app.getHttpServer()).get('/whoami').set('Authorization', `Bearer ${token}`);
      expect((await call(await freshToken(firstKey))).status).toBe(200);

      jwks.mode = 'hanging';
      const started = Date.now();
      const unknown = await call(await freshToken(strangerKey));
      expect(unknown.status).toBe(401);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await call(await freshToken(firstKey))).status).toBe(200);
    });
  });

  describe('header-named key locations', () => {
    let jwks: JwksTestServer;
    let attackerJwks: JwksTestServer;
    let app: INestApplication;

    beforeAll(async () => {
      [jwks, attackerJwks] = await Promise.all([
        JwksTestServer.start([firstKey.publicJwk]),
        JwksTestServer.start([strangerKey.publicJwk]),
      ]);
      app = await createAppWithOptions(adapter, testOptions({ jwksUri: jwks.url }));
    });

    afterAll(async () => {
      await app?.close();
      await Promise.all([jwks?.stop(), attackerJwks?.stop()]);
    });

    it.each(['jku', 'x5u'])('never follows %s', async (parameter) => {
      const token = await signToken(strangerKey, 'acme', {
        header: { [parameter]: attackerJwks.url },
      });
      const response = await request(app.getHttpServer())
        .get('/whoami')
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(attackerJwks.hits).toBe(0);
    });
  });
});
