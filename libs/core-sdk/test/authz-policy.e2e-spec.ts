import { Controller, Get, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CoreSdkModule } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { ADAPTERS } from './tenant-support/fixture-app';

const FORBIDDEN_BODY = { statusCode: 403, error: 'Forbidden', message: 'forbidden by policy' };

let issuer: IssuerFixture;
let policies: PolicyDir;

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
});
afterAll(() => {
  issuer.remove();
  policies.remove();
});

describe.each(ADAPTERS)('@Authorize on %s', (adapter) => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApp(
      adapter,
      CoreSdkModule.forRoot(authzOptions(issuer.jwksFile, policies.dir)),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  async function get(path: string, tenant: string, claims: Record<string, unknown> = {}) {
    const token = await issuer.token(tenant, claims);
    return request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  }

  describe('the documented example: acme overrides the global policy', () => {
    it('allows analytics:read for acme through its override', async () => {
      const response = await get('/analytics', 'acme');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ tenant: 'acme', analytics: true });
    });

    it.each(['globex', 'hooli'])('denies analytics:read for %s with a JSON 403', async (tenant) => {
      const response = await get('/analytics', tenant);
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.body).toEqual(FORBIDDEN_BODY);
    });

    it('still applies the global rules to the tenant with an override', async () => {
      expect((await get('/products', 'acme')).status).toBe(200);
      expect((await get('/products/write', 'acme', { role: 'editor' })).status).toBe(200);
      expect((await get('/products/write', 'acme', { role: 'viewer' })).status).toBe(403);
    });
  });

  describe('tenants without an override use the global module', () => {
    it.each(['globex', 'hooli'])('allows the global grants for %s', async (tenant) => {
      const response = await get('/products', tenant);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ tenant, products: [] });
    });

    it('denies what the global policy does not grant', async () => {
      expect((await get('/products/write', 'globex')).status).toBe(403);
      expect((await get('/products/write', 'globex', { role: 'editor' })).status).toBe(200);
    });
  });

  describe('a handler decorator wins over its controller', () => {
    it('decides /analytics/summary by products:read, not analytics:read', async () => {
      expect((await get('/analytics/summary', 'globex')).status).toBe(200);
    });
  });

  describe('the input document and data', () => {
    it('passes { action, tenant_id, user, resource, request } and nothing else', async () => {
      expect((await get('/inspect/item-7?tenant_id=acme', 'globex')).status).toBe(200);
      expect((await get('/inspect/item-8', 'globex')).status).toBe(403);
    });

    it('computes input.resource from the request', async () => {
      expect((await get('/documents/user-1', 'hooli')).status).toBe(200);
      expect((await get('/documents/user-2', 'hooli')).status).toBe(403);
      expect((await get('/documents/user-2', 'hooli', { sub: 'user-2' })).status).toBe(200);
    });

    it('loads the [[tenants]] attributes as data.tenants', async () => {
      expect((await get('/reports', 'hooli')).status).toBe(200);
      expect((await get('/reports', 'acme')).status).toBe(200);
      expect((await get('/reports', 'globex')).status).toBe(403);
    });

    it("never lets one tenant's policy read another tenant's data", async () => {
      // Only globex's own module instance holds data.tenants.globex.
      expect((await get('/peek', 'globex')).status).toBe(200);
      expect((await get('/peek', 'acme')).status).toBe(403);
      expect((await get('/peek', 'hooli')).status).toBe(403);
    });

    it('ignores tenant hints outside the verified token', async () => {
      const token = await issuer.token('globex');
      const response = await request(app.getHttpServer())
        .get('/analytics?tenant_id=acme')
        .set('Authorization', `Bearer ${token}`)
        .set('X-Tenant-Id', 'acme');
      expect(response.status).toBe(403);
    });
  });

  describe('only an exact true allows', () => {
    it('denies a non-boolean decision', async () => {
      const response = await get('/not-boolean', 'acme');
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN_BODY);
    });
  });

  describe('routes and authentication', () => {
    it('does not policy-check a route without @Authorize, but still authenticates it', async () => {
      expect((await get('/plain', 'globex')).body).toEqual({ tenant: 'globex', plain: true });
      const anonymous = await request(app.getHttpServer()).get('/plain');
      expect(anonymous.status).toBe(401);
    });

    it('answers 401, never a policy decision, for a missing or bad token', async () => {
      const missing = await request(app.getHttpServer()).get('/analytics');
      expect(missing.status).toBe(401);
      const forged = await request(app.getHttpServer())
        .get('/analytics')
        .set('Authorization', 'Bearer not.a.token');
      expect(forged.status).toBe(401);
    });

    it('rejects a token of an undeclared tenant even when a policy file names it', async () => {
      expect((await get('/products', 'initech')).status).toBe(403);
    });

    it('denies @Authorize on a @Public() route: no tenant policy can allow it', async () => {
      const response = await request(app.getHttpServer()).get('/public-authorized');
      expect(response.status).toBe(403);
      expect(response.body).toEqual(FORBIDDEN_BODY);
      expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    });

    it('turns a throwing resource function into the generic 500', async () => {
      const response = await get('/broken-resource', 'acme');
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toContain('resource lookup failed');
    });
  });
});

describe.each(ADAPTERS)('policy startup on %s', (adapter) => {
  it('refuses to start when a policy does not compile, with positioned diagnostics', async () => {
    const broken = writePolicyDir({
      'global.rego': 'package coresdk.authz\n\nallow if {\n\tinput.action ==\n}\n',
    });
    try {
      const starting = createApp(
        adapter,
        CoreSdkModule.forRoot(authzOptions(issuer.jwksFile, broken.dir)),
      );
      await expect(starting).rejects.toThrow(/global\.rego:\d+:\d+: rego_parse_error/);
    } finally {
      broken.remove();
    }
  });

  it('compiles no policy for an app without @Authorize routes', async () => {
    // A policy directory that does not even exist: nothing reads it.
    const options = authzOptions(issuer.jwksFile, '/nonexistent/policies');
    const app = await createApp(adapter, CoreSdkModule.forRoot(options), [PlainController]);
    try {
      const token = await issuer.token('acme');
      const response = await request(app.getHttpServer())
        .get('/plain')
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

@Controller()
class PlainController {
  @Get('plain')
  plain() {
    return { plain: true };
  }
}

describe.each(ADAPTERS)('#forRootAsync on %s', (adapter) => {
  it('decides with the same per-tenant policies when configured asynchronously', async () => {
    const app = await createApp(
      adapter,
      CoreSdkModule.forRootAsync({
        useFactory: async () => authzOptions(issuer.jwksFile, policies.dir),
      }),
    );
    try {
      const get = async (tenant: string) =>
        request(app.getHttpServer())
          .get('/analytics')
          .set('Authorization', `Bearer ${await issuer.token(tenant)}`);
      expect((await get('acme')).status).toBe(200);
      expect((await get('globex')).status).toBe(403);
    } finally {
      await app.close();
    }
  });
});
