import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TenantRegistry } from '../src';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { DisposableRedis } from './support/redis-server';
import {
  admin,
  ADMIN_CLAIMS,
  describePropagation,
  statusFor,
} from './tenancy-support/propagation-scenarios';
import {
  createTenancyApp,
  eventually,
  TENANCY_GLOBAL_POLICY,
} from './tenancy-support/tenancy-fixture-app';
import { tenancyOptions } from './tenancy-support/tenancy-options';

jest.setTimeout(30_000);

/**
 * Two instances (A on Express, B on Fastify) share one SQLite file and one Redis. The
 * periodic sync is set to an hour, so every change seen by the other instance within the
 * test's few seconds travelled through Redis pub/sub (or its reconnect replay).
 */
describe('tenant provisioning: SQLite store, Redis propagation', () => {
  let redis: DisposableRedis;
  let issuer: IssuerFixture;
  let policies: PolicyDir;
  let dataDir: string;
  let a: INestApplication;
  let b: INestApplication;

  const options = () =>
    tenancyOptions(issuer.jwksFile, policies.dir, {
      store: `sqlite:${join(dataDir, 'tenants.sqlite')}`,
      propagation: redis.url,
      syncInterval: '1h',
    });

  beforeAll(async () => {
    redis = await DisposableRedis.start();
    issuer = await createIssuer();
    policies = writePolicyDir({ 'global.rego': TENANCY_GLOBAL_POLICY });
    dataDir = mkdtempSync(join(tmpdir(), 'coresdk-tenancy-'));
    a = await createTenancyApp('express', options());
    b = await createTenancyApp('fastify', options());
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    issuer?.remove();
    policies?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describePropagation(() => ({ a, b, issuer }));

  it('replays the changes made while Redis was down once it is back', async () => {
    const adminToken = await issuer.token('acme', ADMIN_CLAIMS);
    const token = await issuer.token('umbrella');
    await redis.stop();
    // The write goes to the shared file; the notification is lost with Redis.
    expect((await admin(a, adminToken).create({ id: 'umbrella' })).status).toBe(201);
    expect(await statusFor(a, token)).toBe(200);
    expect(await statusFor(b, token)).toBe(403);

    await redis.resume();
    expect(await eventually(async () => (await statusFor(b, token)) === 200, 10_000)).toBe(true);
  });

  it('a new instance starts from the persisted state', async () => {
    const c = await createTenancyApp('express', options());
    try {
      expect(await statusFor(c, await issuer.token('umbrella'))).toBe(200);
      expect(await statusFor(c, await issuer.token('globex'))).toBe(403); // deleted above
      const registry = c.get(TenantRegistry);
      expect(registry.version).toBe(a.get(TenantRegistry).version);
      expect(registry.limitsFor('initech')).toBeNull(); // deleted with its limits
    } finally {
      await c.close();
    }
  });

  it('refuses a tenant whose stored module no longer compiles on a new instance', async () => {
    const api = admin(a, await issuer.token('acme', ADMIN_CLAIMS));
    expect((await api.create({ id: 'wayne' })).status).toBe(201);
    const policy =
      'package coresdk.authz\n\nallow if {\n\tinput.action == "orders:read"\n\tis_editor\n}\n';
    expect((await api.setPolicy('wayne', { source: policy })).status).toBe(200);
    expect(await statusFor(a, await issuer.token('wayne'))).toBe(200);

    // Instance C runs a global policy without the helper the module relies on.
    const changed = writePolicyDir({
      'global.rego': TENANCY_GLOBAL_POLICY.replace(/is_editor if .*\n/, '').replace(
        /\n\tis_editor\n/,
        '\n\tinput.user.role == "editor"\n',
      ),
    });
    const c = await createTenancyApp('express', { ...options(), policies: { dir: changed.dir } });
    try {
      expect(await statusFor(c, await issuer.token('wayne'))).toBe(403);
      expect(await statusFor(c, await issuer.token('acme'))).toBe(200);
    } finally {
      await c.close();
      changed.remove();
    }
  });

  it('stops startup with a clear error when the store cannot be opened', async () => {
    const blocked = join(dataDir, 'not-a-dir');
    writeFileSync(blocked, 'a file where a folder must be');
    await expect(
      createTenancyApp('express', {
        ...options(),
        tenancy: { enabled: true, store: `sqlite:${join(blocked, 'tenants.sqlite')}` },
      }),
    ).rejects.toThrow(/\[tenancy\]: could not open the tenant store/);
  });

  describe('the admin API', () => {
    const server = () => a.getHttpServer();

    it('refuses tokens without the admin claim or scope, and a claim that is not exactly true', async () => {
      for (const claims of [{}, { coresdk_admin: 'true' }, { scope: 'coresdk:tenants:read' }]) {
        const response = await request(server())
          .get('/coresdk/admin/tenants')
          .set('Authorization', `Bearer ${await issuer.token('acme', claims)}`);
        expect(response.status).toBe(403);
        expect(response.body.message).toBe(
          'tenant administration requires the admin claim or scope',
        );
      }
      const anonymous = await request(server()).get('/coresdk/admin/tenants');
      expect(anonymous.status).toBe(401);
    });

    it('accepts the admin scope in scope or scp', async () => {
      for (const claims of [
        { scope: 'openid coresdk:tenants:admin' },
        { scp: ['coresdk:tenants:admin'] },
      ]) {
        const response = await request(server())
          .get('/coresdk/admin/tenants')
          .set('Authorization', `Bearer ${await issuer.token('acme', claims)}`);
        expect(response.status).toBe(200);
        expect(response.body.tenants.map((tenant: { id: string }) => tenant.id)).toContain('acme');
      }
    });

    it('validates bodies and answers JSON errors', async () => {
      const api = admin(a, await issuer.token('acme', ADMIN_CLAIMS));
      const invalid = await api.create({ id: '../etc', color: 'red', limits: { requests: 0 } });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ statusCode: 400, message: 'invalid tenant input' });
      expect(invalid.body.problems).toEqual([
        'unknown field color: use id, displayName, attributes, limits, policy, status',
        expect.stringContaining('id must be a tenant id'),
        'limits.requests must be a whole number of 1 or more',
      ]);
      expect((await api.create({ id: 'acme' })).status).toBe(409);
      expect((await api.update('nobody', { displayName: 'x' })).status).toBe(404);
      expect((await api.get('nobody')).status).toBe(404);
      expect((await api.setPolicy('acme', { source: 42 })).status).toBe(400);
      expect(
        (await api.create({ id: 'x1', attributes: { accept_cross_tenant: 'yes' } })).status,
      ).toBe(400);
      const array = await request(server())
        .post('/coresdk/admin/tenants')
        .set('Authorization', `Bearer ${await issuer.token('acme', ADMIN_CLAIMS)}`)
        .send([{ id: 'x2' }]);
      expect(array.status).toBe(400);
    });
  });
});

describe('the admin API when [tenancy].admin_api is off', () => {
  it('answers 404', async () => {
    const issuer = await createIssuer();
    const policies = writePolicyDir({ 'global.rego': TENANCY_GLOBAL_POLICY });
    const dataDir = mkdtempSync(join(tmpdir(), 'coresdk-tenancy-'));
    const app = await createTenancyApp(
      'express',
      tenancyOptions(issuer.jwksFile, policies.dir, {
        store: `sqlite:${join(dataDir, 'tenants.sqlite')}`,
        adminApi: false,
      }),
    );
    try {
      const response = await request(app.getHttpServer())
        .get('/coresdk/admin/tenants')
        .set('Authorization', `Bearer ${await issuer.token('acme', ADMIN_CLAIMS)}`);
      expect(response.status).toBe(404);
    } finally {
      await app.close();
      issuer.remove();
      policies.remove();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
