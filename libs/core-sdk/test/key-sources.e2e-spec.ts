import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, importPKCS8, SignJWT } from 'jose';
import request from 'supertest';
import { KeySourceSetupError } from '../src';
import { ADAPTERS, createAppWithOptions } from './tenant-support/fixture-app';
import { testOptions } from './tenant-support/test-config';
import {
  createSigningKey,
  publicKeyPem,
  signToken,
  validClaims,
  type TestSigningKey,
} from './tenant-support/test-keys';

const HMAC_SECRET = 'a-test-secret-that-is-at-least-32-bytes-long!';

let rsaKey: TestSigningKey;
let ecKey: TestSigningKey;
let edKey: TestSigningKey;

beforeAll(async () => {
  [rsaKey, ecKey, edKey] = await Promise.all([
    createSigningKey('rsa', 'RS256'),
    createSigningKey('ec', 'ES256'),
    createSigningKey('ed', 'EdDSA'),
  ]);
});

describe.each(ADAPTERS)('key sources on %s', (adapter) => {
  let directory: string;
  const apps: INestApplication[] = [];

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'coresdk-keys-'));
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  const file = (name: string, content: string): string => {
    const path = join(directory, `${adapter}-${name}`);
    writeFileSync(path, content);
    return path;
  };
  const start = async (auth: Parameters<typeof testOptions>[0]) => {
    const app = await createAppWithOptions(adapter, testOptions(auth));
    apps.push(app);
    return app;
  };
  const status = async (app: INestApplication, token: string) =>
    (await request(app.getHttpServer()).get('/whoami').set('Authorization', `Bearer ${token}`))
      .status;

  it('verifies with an SPKI public key file, for RSA, EC and Ed25519 keys', async () => {
    for (const key of [rsaKey, ecKey, edKey]) {
      const app = await start({
        publicKeyFile: file(`${key.kid}.pem`, await publicKeyPem(key)),
        algorithms: [key.alg as 'RS256'],
      });
      expect(await status(app, await signToken(key, 'acme'))).toBe(200);
      const other = key === rsaKey ? ecKey : rsaKey;
      expect(await status(app, await signToken(other, 'acme'))).toBe(401);
    }
  });

  it('verifies with the key of an X.509 certificate file', async () => {
    const keyFile = join(directory, `${adapter}-cert-key.pem`);
    const certFile = join(directory, `${adapter}-cert.pem`);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=issuer.test',
      ],
      { stdio: 'ignore' },
    );
    const privateKey = await importPKCS8(readFileSync(keyFile, 'utf8'), 'RS256');
    const app = await start({ publicKeyFile: certFile });
    const token = await new SignJWT(validClaims('globex'))
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    const response = await request(app.getHttpServer())
      .get('/whoami')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body.tenant).toBe('globex');
  });

  it('verifies with a JWKS file holding several key types', async () => {
    const jwksFile = file(
      'jwks.json',
      JSON.stringify({ keys: [rsaKey.publicJwk, ecKey.publicJwk] }),
    );
    const app = await start({ jwksFile, algorithms: ['RS256', 'ES256'] });
    expect(await status(app, await signToken(rsaKey, 'acme'))).toBe(200);
    expect(await status(app, await signToken(ecKey, 'acme'))).toBe(200);
    expect(await status(app, await signToken(edKey, 'acme'))).toBe(401);
  });

  it('verifies HS256 only with the configured secret', async () => {
    const app = await start({ hmacSecret: HMAC_SECRET, algorithms: ['HS256'] });
    const sign = (secret: string) =>
      new SignJWT(validClaims('acme'))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(secret));
    expect(await status(app, await sign(HMAC_SECRET))).toBe(200);
    expect(await status(app, await sign(`${HMAC_SECRET}x`))).toBe(401);
    expect(await status(app, await signToken(rsaKey, 'acme'))).toBe(401);
  });

  it('enforces typ when configured', async () => {
    const jwksFile = file('typ-jwks.json', JSON.stringify({ keys: [rsaKey.publicJwk] }));
    const app = await start({ jwksFile, typ: 'at+jwt' });
    const withTyp = (typ: string) => signToken(rsaKey, 'acme', { header: { typ } });
    expect(await status(app, await withTyp('at+jwt'))).toBe(200);
    expect(await status(app, await withTyp('application/at+jwt'))).toBe(200);
    expect(await status(app, await withTyp('JWT'))).toBe(401);
  });

  it('uses the configured tenant claim and no other', async () => {
    const jwksFile = file('claim-jwks.json', JSON.stringify({ keys: [rsaKey.publicJwk] }));
    const app = await start({ jwksFile, tenantClaim: 'https://coresdk.dev/tenant' });
    const namespaced = await signToken(rsaKey, undefined, {
      claims: { 'https://coresdk.dev/tenant': 'globex' },
    });
    const response = await request(app.getHttpServer())
      .get('/whoami')
      .set('Authorization', `Bearer ${namespaced}`);
    expect(response.body.tenant).toBe('globex');
    expect(await status(app, await signToken(rsaKey, 'acme'))).toBe(401);
  });

  it('refuses to start with a private key as the public key file', async () => {
    const privatePem = await exportPKCS8(rsaKey.privateKey);
    await expect(
      createAppWithOptions(
        adapter,
        testOptions({ publicKeyFile: file('private.pem', privatePem) }),
      ),
    ).rejects.toThrow(KeySourceSetupError);
  });

  it('refuses to start with a JWKS file that holds no public signing key', async () => {
    const jwksFile = file(
      'empty-jwks.json',
      JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }),
    );
    await expect(createAppWithOptions(adapter, testOptions({ jwksFile }))).rejects.toThrow(
      /holds no public signing key/,
    );
  });
});
