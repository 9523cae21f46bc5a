import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ADAPTERS, createAppWithOptions } from './tenant-support/fixture-app';
import { testOptions } from './tenant-support/test-config';
import {
  createSigningKey,
  publicKeyPem,
  rawToken,
  signHs256,
  signRaw,
  signToken,
  validClaims,
  type TestSigningKey,
} from './tenant-support/test-keys';

const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
const unauthorized = (message: string) => ({ statusCode: 401, error: 'Unauthorized', message });

let issuerKey: TestSigningKey;
let attackerKey: TestSigningKey;

beforeAll(async () => {
  [issuerKey, attackerKey] = await Promise.all([
    createSigningKey('key-1'),
    createSigningKey('key-1'), // same kid, different key: a forgery attempt
  ]);
});

describe.each(ADAPTERS)('TenantGuard on %s', (adapter) => {
  let app: INestApplication;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'coresdk-guard-'));
    const jwksFile = join(directory, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [issuerKey.publicJwk] }));
    app = await createAppWithOptions(adapter, testOptions({ jwksFile }));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const whoami = (token: string, path = '/whoami') =>
    request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  async function expectInvalid(token: string, message = 'invalid token'): Promise<void> {
    const response = await whoami(token);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized(message));
    expect(response.headers['www-authenticate']).toBe(INVALID_TOKEN_CHALLENGE);
  }

  describe('accepted tokens', () => {
    it.each(['acme', 'globex'])('serves tenant %s from its verified claim', async (tenant) => {
      const response = await whoami(await signToken(issuerKey, tenant));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        tenant,
        subject: 'user-1',
        context: { tenant, subject: 'user-1' },
      });
    });

    it('accepts the scheme in any case', async () => {
      const token = await signToken(issuerKey, 'acme');
      const response = await request(app.getHttpServer())
        .get('/whoami')
        .set('Authorization', `bearer ${token}`);
      expect(response.status).toBe(200);
    });

    it('hands out deep-frozen claims', async () => {
      const response = await whoami(await signToken(issuerKey, 'acme'), '/claims-are-frozen');
      expect(response.body).toEqual({ frozen: true, tenant: 'acme' });
    });
  });

  describe('missing credentials', () => {
    it('answers 401 with a bare Bearer challenge when there is no Authorization header', async () => {
      const response = await request(app.getHttpServer()).get('/whoami');
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.text).toBe(
        '{"statusCode":401,"error":"Unauthorized","message":"missing bearer token"}',
      );
    });

    it('treats another scheme (Basic) as no bearer token', async () => {
      const response = await request(app.getHttpServer())
        .get('/whoami')
        .set('Authorization', 'Basic YWNtZTpzZWNyZXQ=');
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toEqual(unauthorized('missing bearer token'));
    });

    it.each(['Bearer', 'Bearer ', 'Bearer a b', 'Bearer {json}', 'Bearer ab\u00e9'])(
      'rejects the malformed header %j',
      async (header) => {
        const response = await request(app.getHttpServer())
          .get('/whoami')
          .set('Authorization', header);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe(INVALID_TOKEN_CHALLENGE);
        expect(response.body).toEqual(unauthorized('malformed authorization header'));
      },
    );

    it.each(['abc', 'a.b', 'a.b.c.d', 'not-a-jwt.at-all.x'])('rejects the non-JWT %j', (token) =>
      expectInvalid(token),
    );
  });

  describe('signature and algorithm', () => {
    it.each(['none', 'None', 'NONE', 'nOnE'])('rejects alg %j', async (alg) => {
      await expectInvalid(rawToken({ alg, typ: 'JWT' }, validClaims('acme')));
      // and with a signature part borrowed from a real token
      const real = (await signToken(issuerKey, 'acme')).split('.')[2];
      await expectInvalid(rawToken({ alg, kid: 'key-1' }, validClaims('acme'), real));
    });

    it('rejects a token signed with another key under the same kid', async () => {
      await expectInvalid(await signToken(attackerKey, 'acme'));
    });

    it('rejects HS256 signed with the issuer public key as the HMAC secret', async () => {
      const pem = await publicKeyPem(issuerKey);
      await expectInvalid(signHs256(pem, { alg: 'HS256', kid: 'key-1' }, validClaims('acme')));
      await expectInvalid(signHs256(pem, { alg: 'HS256' }, validClaims('acme')));
    });

    it('rejects a tampered payload', async () => {
      const [header, , signature] = (await signToken(issuerKey, 'acme')).split('.');
      const payload = Buffer.from(JSON.stringify(validClaims('globex'))).toString('base64url');
      await expectInvalid(`${header}.${payload}.${signature}`);
    });

    it('rejects an unknown critical header parameter', async () => {
      await expectInvalid(
        signRaw(
          issuerKey,
          { alg: 'RS256', kid: 'key-1', crit: ['x-ext'], 'x-ext': 1 },
          validClaims('acme'),
        ),
      );
    });

    it('ignores an embedded jwk header: the attacker key it names is never used', async () => {
      await expectInvalid(
        await signToken(attackerKey, 'acme', { header: { jwk: attackerKey.publicJwk } }),
      );
    });
  });

  describe('time and registered claims', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('rejects an expired token', async () => {
      const token = await signToken(issuerKey, 'acme', {
        claims: { iat: now() - 600, exp: now() - 60 },
      });
      await expectInvalid(token, 'token expired');
    });

    it('rejects a token whose nbf is in the future', async () => {
      await expectInvalid(
        await signToken(issuerKey, 'acme', { claims: { nbf: now() + 600 } }),
        'token not yet valid',
      );
    });

    it('accepts nbf within the clock tolerance', async () => {
      const token = await signToken(issuerKey, 'acme', { claims: { nbf: now() + 2 } });
      expect((await whoami(token)).status).toBe(200);
    });

    it('rejects a token issued far in the future', async () => {
      await expectInvalid(
        await signToken(issuerKey, 'acme', { claims: { iat: now() + 3600, exp: now() + 7200 } }),
      );
    });

    it('rejects a token without exp', async () => {
      await expectInvalid(await signToken(issuerKey, 'acme', { claims: { exp: undefined } }));
    });

    it.each([
      ['iss', 'https://evil.test'],
      ['iss', undefined],
      ['aud', 'someone-else'],
      ['aud', undefined],
    ])('rejects %s = %j', async (claim, value) => {
      await expectInvalid(await signToken(issuerKey, 'acme', { claims: { [claim]: value } }));
    });
  });

  describe('tenant claim', () => {
    it('rejects a token without the tenant claim', async () => {
      await expectInvalid(
        await signToken(issuerKey, 'acme', { claims: { tenant_id: undefined } }),
        'invalid tenant',
      );
    });

    it.each([
      ['a number', 42],
      ['an array', ['acme']],
      ['an object', { id: 'acme' }],
      ['null', null],
      ['an empty string', ''],
      ['a 4 KB string', 'a'.repeat(4096)],
      ['a path', '../global'],
      ['upper case', 'ACME'],
      ['a Cyrillic look-alike', '\u0430cme'],
      ['surrounding spaces', ' acme '],
      ['a trailing newline', 'acme\n'],
    ])('rejects %s', async (_label, tenant) => {
      await expectInvalid(await signToken(issuerKey, tenant), 'invalid tenant');
    });

    it('answers 403 for a well-formed tenant that is not declared', async () => {
      const response = await whoami(await signToken(issuerKey, 'initech'));
      expect(response.status).toBe(403);
      expect(response.text).toBe(
        '{"statusCode":403,"error":"Forbidden","message":"tenant not allowed"}',
      );
    });

    it('ignores a tenant in the query string or a header', async () => {
      const token = await signToken(issuerKey, 'acme');
      const viaQuery = await whoami(token, '/whoami?tenant_id=globex');
      const viaHeader = await whoami(token).set('X-Tenant-Id', 'globex');
      for (const response of [viaQuery, viaHeader]) {
        expect(response.status).toBe(200);
        expect(response.body.tenant).toBe('acme');
        expect(response.body.context.tenant).toBe('acme');
      }
    });
  });

  describe('@Public()', () => {
    it('serves a public route without a token', async () => {
      const response = await request(app.getHttpServer()).get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('serves every route of a public controller', async () => {
      const response = await request(app.getHttpServer()).get('/open');
      expect(response.body).toEqual({ open: true });
    });

    it('still protects the other routes of the same controller', async () => {
      expect((await request(app.getHttpServer()).get('/whoami')).status).toBe(401);
    });
  });

  describe('errors never leak', () => {
    const internalError =
      '{"statusCode":500,"error":"Internal Server Error","message":"internal server error"}';

    it('turns an unexpected error into a generic JSON 500', async () => {
      const response = await whoami(await signToken(issuerKey, 'acme'), '/boom');
      expect(response.status).toBe(500);
      expect(response.text).toBe(internalError);
    });

    it('keeps the status and body of an HttpException thrown by the application', async () => {
      const response = await whoami(await signToken(issuerKey, 'acme'), '/bad-request');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'quantity must be positive',
      });
      expect(response.headers['www-authenticate']).toBeUndefined();
    });

    it('answers @Tenant() on a public route (a programming mistake) with the generic 500', async () => {
      const response = await request(app.getHttpServer()).get('/public-tenant');
      expect(response.status).toBe(500);
      expect(response.text).toBe(internalError);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const response = await whoami(await signToken(issuerKey, 'acme'), '/nowhere');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404 });
      expect(response.text).not.toMatch(/\bat \w|node_modules|\.ts:/);
    });

    it('answers a malformed JSON body without a stack trace', async () => {
      const response = await request(app.getHttpServer())
        .post('/whoami')
        .set('Authorization', `Bearer ${await signToken(issuerKey, 'acme')}`)
        .set('Content-Type', 'application/json')
        .send('{"delayMs": ');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.text).not.toMatch(/\bat \w|node_modules|\.js:|\.ts:/);
    });

    it('never echoes the token', async () => {
      const token = rawToken({ alg: 'none' }, validClaims('acme'));
      const response = await whoami(token);
      expect(response.text).not.toContain(token.split('.')[1]);
    });
  });
});
