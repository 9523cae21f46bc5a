import type { INestApplication } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  CoreSdkConfigError,
  CoreSdkModule,
  TenantContext,
  TenantContextUnavailableError,
} from '../src';
import { ADAPTERS, createFixtureApp } from './tenant-support/fixture-app';
import { testOptions } from './tenant-support/test-config';
import { createSigningKey, signToken, type TestSigningKey } from './tenant-support/test-keys';

let key: TestSigningKey;

beforeAll(async () => {
  key = await createSigningKey('key-1');
});

describe.each(ADAPTERS)('CoreSdkModule and TenantContext on %s', (adapter) => {
  let directory: string;
  let jwksFile: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'coresdk-context-'));
    jwksFile = join(directory, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const modules = {
    '#forRoot': () => CoreSdkModule.forRoot(testOptions({ jwksFile })),
    '#forRootAsync': () =>
      CoreSdkModule.forRootAsync({
        imports: [
          ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ JWKS_FILE: jwksFile })] }),
        ],
        inject: [ConfigService],
        useFactory: (config: ConfigService) =>
          testOptions({ jwksFile: config.getOrThrow<string>('JWKS_FILE') }),
      }),
  };

  describe.each(Object.keys(modules) as Array<keyof typeof modules>)('%s', (method) => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await createFixtureApp(adapter, modules[method]());
    });

    afterAll(async () => {
      await app?.close();
    });

    it('protects routes and serves the verified tenant', async () => {
      expect((await request(app.getHttpServer()).get('/whoami')).status).toBe(401);
      const response = await request(app.getHttpServer())
        .get('/whoami')
        .set('Authorization', `Bearer ${await signToken(key, 'globex')}`);
      expect(response.body).toEqual({
        tenant: 'globex',
        subject: 'user-1',
        context: { tenant: 'globex', subject: 'user-1' },
      });
    });

    it('gives each of many concurrent requests of two tenants its own tenant after awaits', async () => {
      const tokens = {
        acme: await signToken(key, 'acme', { claims: { sub: 'alice' } }),
        globex: await signToken(key, 'globex', { claims: { sub: 'bob' } }),
      };
      const calls = Array.from({ length: 40 }, (_, index) => {
        const tenant = index % 2 === 0 ? 'acme' : 'globex';
        // Later requests finish first, so handlers interleave across their awaits.
        const delayMs = 40 - index;
        const call =
          index % 4 < 2
            ? request(app.getHttpServer()).post('/whoami').send({ delayMs })
            : request(app.getHttpServer()).get('/whoami');
        return call
          .set('Authorization', `Bearer ${tokens[tenant]}`)
          .then((response) => ({ tenant, response }));
      });
      const results = await Promise.all(calls);
      for (const { tenant, response } of results) {
        expect(response.status).toBe(response.request.method === 'POST' ? 201 : 200);
        expect(response.body.tenant).toBe(tenant);
        expect(response.body.context).toEqual({
          tenant,
          subject: tenant === 'acme' ? 'alice' : 'bob',
        });
      }
    });

    it('throws a clear error when the tenant is read outside a request', () => {
      const context = app.get(TenantContext);
      expect(() => context.tenantId).toThrow(TenantContextUnavailableError);
      expect(() => context.claims).toThrow(/outside an authenticated request/);
      expect(context.current()).toBeUndefined();
    });
  });

  it('refuses to start when the options have no key source', async () => {
    const module = CoreSdkModule.forRootAsync({
      useFactory: () => ({ configFile: false as const, env: {} }),
    });
    await expect(createFixtureApp(adapter, module)).rejects.toMatchObject({
      name: CoreSdkConfigError.name,
    });
  });
});
