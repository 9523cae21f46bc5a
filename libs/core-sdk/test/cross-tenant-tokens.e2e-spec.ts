import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  AUDIT_SINKS,
  CROSS_TENANT_AUDIT_SINKS,
  POLICY_STORE_FOR_TESTS,
  TenantRegistry,
  type AuditRecord,
  type AuditSink,
} from './cross-tenant-support/exports';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { rawToken, signRaw, validClaims } from './tenant-support/test-keys';
import { ADAPTERS } from './tenant-support/fixture-app';
import {
  createTenancyApp,
  eventually,
  TENANCY_GLOBAL_POLICY,
} from './tenancy-support/tenancy-fixture-app';
import { tenancyOptions } from './tenancy-support/tenancy-options';

jest.setTimeout(30_000);

const HEADER = 'X-CoreSDK-Target-Tenant';
const CLAIM = 'coresdk_cross_tenant';

class MemorySink implements AuditSink {
  readonly records: AuditRecord[] = [];
  write(record: AuditRecord): void {
    this.records.push(record);
  }
}

/**
 * Bootstrap tenants: acme accepts service tokens of svc-billing only, hooli of any home
 * tenant, globex of none. Every way an ordinary token could reach another tenant is tried.
 */
describe.each(ADAPTERS)('cross-tenant service tokens on %s', (adapter) => {
  let issuer: IssuerFixture;
  let policies: PolicyDir;
  let dataDir: string;
  let app: INestApplication;
  const crossTenantStream = new MemorySink();
  const mainStream = new MemorySink();

  beforeAll(async () => {
    issuer = await createIssuer();
    policies = writePolicyDir({ 'global.rego': TENANCY_GLOBAL_POLICY });
    dataDir = mkdtempSync(join(tmpdir(), 'coresdk-cross-tenant-'));
    app = await createTenancyApp(
      adapter,
      tenancyOptions(issuer.jwksFile, policies.dir, {
        store: `sqlite:${join(dataDir, 'tenants.sqlite')}`,
      }),
      [
        { provide: CROSS_TENANT_AUDIT_SINKS, useValue: [crossTenantStream] },
        { provide: AUDIT_SINKS, useValue: [mainStream] },
      ],
    );
  });

  afterAll(async () => {
    await app?.close();
    issuer?.remove();
    policies?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, token: string, target?: string | string[]) => {
    const test = request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
    // An array sends the header once per value (a repeated header).
    return target === undefined ? test : test.set(HEADER, target as string);
  };
  const service = (targets: unknown, home = 'svc-billing') =>
    issuer.token(home, { [CLAIM]: targets });

  describe('an ordinary token never reaches another tenant', () => {
    it('is refused with 403 when it names another tenant in the target header', async () => {
      const response = await get('/whoami', await issuer.token('globex'), 'acme');
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'tenant not allowed',
      });
    });

    it('names its own tenant in the header: served as itself, no cross-tenant mark', async () => {
      const response = await get('/whoami', await issuer.token('globex'), 'globex');
      expect(response.body).toEqual({ tenant: 'globex', home: null });
    });

    it('ignores tenant hints in the query string, other headers and the body', async () => {
      const token = await issuer.token('globex');
      const query = await get(
        '/whoami?tenant_id=acme&target_tenant=acme&coresdk_cross_tenant=acme',
        token,
      );
      expect(query.body.tenant).toBe('globex');
      const headers = await get('/whoami', token)
        .set('X-Tenant-Id', 'acme')
        .set('X-CoreSDK-Cross-Tenant', 'acme')
        .set('X-CoreSDK-Tenant', 'acme');
      expect(headers.body.tenant).toBe('globex');
      const body = await request(app.getHttpServer())
        .post('/whoami')
        .set('Authorization', `Bearer ${token}`)
        .send({ tenant_id: 'acme', target_tenant: 'acme', [CLAIM]: ['acme'] });
      expect(body.body.tenant).toBe('globex');
    });

    it('is refused when the cross-tenant claim is not a list of tenant ids naming the target', async () => {
      for (const claim of [
        'acme',
        ['hooli'],
        [['acme']],
        { acme: true },
        true,
        ['ACME'],
        [' acme'],
      ]) {
        const response = await get('/whoami', await service(claim), 'acme');
        expect(response.status).toBe(403);
      }
    });

    it('is refused when the target did not opt in to the home tenant', async () => {
      // globex accepts no service tokens; acme accepts svc-billing only.
      expect((await get('/whoami', await service(['globex']), 'globex')).status).toBe(403);
      expect((await get('/whoami', await service(['acme'], 'svc-reports'), 'acme')).status).toBe(
        403,
      );
      // A target nobody declared cannot opt in.
      expect((await get('/whoami', await service(['initech']), 'initech')).status).toBe(403);
    });

    it('is refused for a malformed or repeated target header', async () => {
      const token = await service(['acme', 'hooli']);
      // (HTTP itself strips whitespace around a header value, so "acme " arrives as "acme".)
      for (const target of ['acme, hooli', '', '../acme', 'ACME', 'acme/..', 'a'.repeat(200)]) {
        expect((await get('/whoami', token, target)).status).toBe(403);
      }
      expect((await get('/whoami', token, ['acme', 'hooli'])).status).toBe(403);
    });

    it('cannot forge the claim in a part that is not signed or not checked', async () => {
      const honest = await issuer.token('svc-billing');
      const [header, , signature] = honest.split('.');
      // The claim added to the payload after signing: the signature no longer matches.
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...validClaims('svc-billing'), [CLAIM]: ['acme'] })).toString('base64url')}.${signature}`;
      expect((await get('/whoami', tampered, 'acme')).status).toBe(401);
      // An unsigned token carrying the claim.
      const unsigned = rawToken(
        { alg: 'none', typ: 'JWT' },
        { ...validClaims('svc-billing'), [CLAIM]: ['acme'] },
      );
      expect((await get('/whoami', unsigned, 'acme')).status).toBe(401);
      // The claim in the (signed) protected header is not a claim: refused.
      const inHeader = signRaw(
        issuer.key,
        { alg: 'RS256', kid: issuer.key.kid, typ: 'JWT', [CLAIM]: ['acme'] },
        validClaims('svc-billing'),
      );
      expect((await get('/whoami', inHeader, 'acme')).status).toBe(403);
    });
  });

  describe('a service token', () => {
    it('reaches exactly a target that its signed claim lists and that opted in', async () => {
      const token = await service(['acme', 'hooli', 'globex']);
      expect((await get('/whoami', token, 'acme')).body).toEqual({
        tenant: 'acme',
        home: 'svc-billing',
      });
      expect((await get('/whoami', token, 'hooli')).body).toEqual({
        tenant: 'hooli',
        home: 'svc-billing',
      });
      expect((await get('/whoami', token, 'globex')).status).toBe(403);
      // Without the header it acts as its own tenant.
      expect((await get('/whoami', token)).body).toEqual({ tenant: 'svc-billing', home: null });
    });

    it('gives the policy both tenants: tenant_id is the target, home_tenant_id the token', async () => {
      const store = app.get(POLICY_STORE_FOR_TESTS).current!;
      // The guard asks `decideNow` once the tenant's instance is loaded, `decide` before.
      const decide = jest.spyOn(store, 'decide');
      const decideNow = jest.spyOn(store, 'decideNow');
      const inputs = () =>
        [...decide.mock.calls, ...decideNow.mock.calls].map(
          ([tenant, input]) => [tenant, input] as [string, Record<string, unknown>],
        );
      try {
        const token = await service(['acme']);
        const response = await request(app.getHttpServer())
          .post('/billing')
          .set('Authorization', `Bearer ${token}`)
          .set(HEADER, 'acme');
        expect(response.status).toBe(201);
        expect(response.body).toEqual({ tenant: 'acme', home: 'svc-billing' });
        // decideNow answers undefined while the instance loads; decide then gets the same input.
        expect(inputs()).not.toHaveLength(0);
        for (const call of inputs()) {
          expect(call).toEqual([
            'acme',
            expect.objectContaining({
              tenant_id: 'acme',
              home_tenant_id: 'svc-billing',
              cross_tenant: true,
              action: 'billing:run',
            }),
          ]);
        }
        // The same action by acme's own users, or by the service on its own tenant: denied.
        decide.mockClear();
        decideNow.mockClear();
        const own = await request(app.getHttpServer())
          .post('/billing')
          .set('Authorization', `Bearer ${await issuer.token('acme', { [CLAIM]: ['acme'] })}`);
        expect(own.status).toBe(403);
        expect(inputs()).not.toHaveLength(0);
        for (const [, input] of inputs()) {
          expect(input).not.toHaveProperty('home_tenant_id');
          expect(input).not.toHaveProperty('cross_tenant');
        }
        expect(
          (
            await request(app.getHttpServer())
              .post('/billing')
              .set('Authorization', `Bearer ${token}`)
          ).status,
        ).toBe(403);
      } finally {
        decide.mockRestore();
        decideNow.mockRestore();
      }
    });

    it('is refused once the target is disabled or deleted, or withdraws its opt-in', async () => {
      const registry = app.get(TenantRegistry);
      const token = await service(['hooli']);
      expect((await get('/whoami', token, 'hooli')).status).toBe(200);
      await registry.disable('hooli');
      expect((await get('/whoami', token, 'hooli')).status).toBe(403);
      await registry.enable('hooli');
      await registry.update('hooli', { attributes: { accept_cross_tenant: ['svc-reports'] } });
      expect((await get('/whoami', token, 'hooli')).status).toBe(403);
      await registry.update('hooli', { attributes: { accept_cross_tenant: true } });
      expect((await get('/whoami', token, 'hooli')).status).toBe(200);
      await registry.delete('hooli');
      expect((await get('/whoami', token, 'hooli')).status).toBe(403);
    });

    it('is refused when its own tenant is disabled', async () => {
      const registry = app.get(TenantRegistry);
      await registry.disable('svc-reports');
      expect((await get('/whoami', await service(['acme'], 'svc-reports'), 'acme')).status).toBe(
        403,
      );
      await registry.enable('svc-reports');
    });

    it('cannot use the admin API on a target tenant', async () => {
      const token = await issuer.token('svc-billing', { [CLAIM]: ['acme'], coresdk_admin: true });
      const viaTarget = await get('/coresdk/admin/tenants', token, 'acme');
      expect(viaTarget.status).toBe(403);
    });
  });

  describe('audit', () => {
    it('writes exactly one record per cross-tenant request to the cross-tenant stream', async () => {
      crossTenantStream.records.length = 0;
      mainStream.records.length = 0;
      const token = await service(['acme']);
      await get('/whoami', token, 'acme');
      await get('/whoami', token, 'acme');
      await request(app.getHttpServer())
        .post('/orders')
        .set('Authorization', `Bearer ${token}`)
        .set(HEADER, 'acme');
      // Not cross-tenant: its own tenant, an ordinary token, a refused attempt.
      await get('/whoami', token);
      await get('/whoami', await issuer.token('acme'));
      await get('/whoami', await issuer.token('globex'), 'acme');

      expect(await eventually(async () => mainStream.records.length === 6)).toBe(true);
      expect(crossTenantStream.records).toHaveLength(3);
      for (const record of crossTenantStream.records) {
        expect(record).toMatchObject({
          cross_tenant: true,
          home_tenant_id: 'svc-billing',
          tenant_id: 'acme',
        });
      }
      expect(crossTenantStream.records.map((record) => [record.method, record.status])).toEqual([
        ['GET', 200],
        ['GET', 200],
        ['POST', 403],
      ]);
      const refused = mainStream.records.find((record) => record.reason === 'cross_tenant_refused');
      expect(refused).toMatchObject({ tenant_id: 'globex', decision: 'deny', status: 403 });
      expect(refused).not.toHaveProperty('cross_tenant');
      const ordinary = mainStream.records.filter((record) => record.cross_tenant !== true);
      expect(ordinary).toHaveLength(3);
    });
  });
});
