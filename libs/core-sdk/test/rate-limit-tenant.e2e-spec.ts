import type { INestApplication } from '@nestjs/common';
import { CoreSdkModule, type CoreSdkModuleOptions } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import {
  countStatuses,
  fireConcurrently,
  listen,
  timedGet,
} from './authz-support/concurrent-requests';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { AUTHZ_TENANTS, authzOptions } from './authz-support/test-options';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { ADAPTERS } from './tenant-support/fixture-app';

const exporter = installMemoryExporter();
const RATE_LIMITED_BODY = {
  statusCode: 429,
  error: 'Too Many Requests',
  message: 'rate limit exceeded',
};
let issuer: IssuerFixture;
let policies: PolicyDir;
const token: Record<string, string> = {};

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
  for (const tenant of ['acme', 'globex', 'hooli']) token[tenant] = await issuer.token(tenant);
});
afterAll(() => {
  issuer.remove();
  policies.remove();
});

/** forRoot options with the given `[rate_limit]` and per-tenant `rate_limit` attributes. */
function tenantLimitOptions(
  rateLimit: NonNullable<CoreSdkModuleOptions['rateLimit']>,
  ownLimits: Record<string, { limit: number; ttl?: string }> = {},
): CoreSdkModuleOptions {
  return {
    ...authzOptions(issuer.jwksFile, policies.dir, {
      rateLimit: { storage: 'memory', ...rateLimit },
    }),
    tenants: AUTHZ_TENANTS.map((tenant) =>
      ownLimits[tenant.id] ? { ...tenant, rate_limit: ownLimits[tenant.id] } : tenant,
    ),
  };
}

describe.each(ADAPTERS)('per-tenant rate limits, memory storage, on %s', (adapter) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(options: CoreSdkModuleOptions): Promise<string> {
    app = await createApp(adapter, CoreSdkModule.forRoot(options));
    return listen(app);
  }

  it('gives every tenant its own per_tenant_limit under the service-wide limit', async () => {
    const base = await start(tenantLimitOptions({ limit: 1_000, ttl: '60s', perTenantLimit: 5 }));
    exporter.reset();
    const acme = await fireConcurrently(20, [`${base}/plain`], () => token.acme);
    expect(countStatuses(acme)).toEqual({ 200: 5, 429: 15 });
    for (const limited of acme.filter((response) => response.status === 429)) {
      expect(limited.body).toEqual(RATE_LIMITED_BODY);
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    }
    const globex = await fireConcurrently(20, [`${base}/plain`], () => token.globex);
    expect(countStatuses(globex)).toEqual({ 200: 5, 429: 15 });

    await new Promise((resolve) => setTimeout(resolve, 50));
    const reasons = auditSpans(exporter).map((span) => span.attributes['coresdk.reason']);
    expect(reasons.filter((reason) => reason === 'tenant_rate_limited')).toHaveLength(30);
  });

  it("one tenant's flood cannot use up another tenant's budget", async () => {
    // Service-wide 30; each tenant 10. acme floods 200: its own limit turns away 190, and
    // those never reach the shared counter, so globex and hooli still get all of theirs.
    const base = await start(tenantLimitOptions({ limit: 30, ttl: '60s', perTenantLimit: 10 }));
    const flood = await fireConcurrently(200, [`${base}/plain`], () => token.acme);
    expect(countStatuses(flood)).toEqual({ 200: 10, 429: 190 });
    const others = await fireConcurrently(20, [`${base}/plain`], (index) =>
      index % 2 === 0 ? token.globex : token.hooli,
    );
    expect(countStatuses(others)).toEqual({ 200: 20 });
    // The service-wide limit still holds above them all: 30 admitted, the window is spent.
    exporter.reset();
    const over = await timedGet(`${base}/health`);
    expect(over.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(auditSpans(exporter)[0].attributes['coresdk.reason']).toBe('rate_limited');
  });

  it("applies a tenant's own rate_limit from [[tenants]] over the default", async () => {
    const base = await start(
      tenantLimitOptions({ limit: 1_000, ttl: '60s', perTenantLimit: 6 }, { acme: { limit: 3 } }),
    );
    const acme = await fireConcurrently(10, [`${base}/plain`], () => token.acme);
    expect(countStatuses(acme)).toEqual({ 200: 3, 429: 7 });
    const globex = await fireConcurrently(10, [`${base}/plain`], () => token.globex);
    expect(countStatuses(globex)).toEqual({ 200: 6, 429: 4 });
  });

  it('limits only tenants with a budget when there is no per_tenant_limit', async () => {
    const base = await start(
      tenantLimitOptions({ limit: 1_000, ttl: '60s' }, { hooli: { limit: 2 } }),
    );
    expect(countStatuses(await fireConcurrently(8, [`${base}/plain`], () => token.hooli))).toEqual({
      200: 2,
      429: 6,
    });
    expect(countStatuses(await fireConcurrently(8, [`${base}/plain`], () => token.acme))).toEqual({
      200: 8,
    });
  });

  it('reports the tenant budget in X-RateLimit-*-tenant headers; public routes have none', async () => {
    const base = await start(tenantLimitOptions({ limit: 1_000, ttl: '60s', perTenantLimit: 4 }));
    const first = await fetch(`${base}/plain`, {
      headers: { authorization: `Bearer ${token.acme}` },
    });
    expect(first.headers.get('x-ratelimit-limit-tenant')).toBe('4');
    expect(first.headers.get('x-ratelimit-remaining-tenant')).toBe('3');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-ratelimit-limit-tenant')).toBeNull();
    // Public routes count only against the service-wide limit, never a tenant's budget.
    for (let i = 0; i < 10; i += 1) expect((await timedGet(`${base}/health`)).status).toBe(200);
  });

  it('opens the tenant window again after its ttl', async () => {
    const base = await start(
      tenantLimitOptions({ limit: 1_000, ttl: '60s', perTenantLimit: 2, perTenantTtl: '1s' }),
    );
    expect(countStatuses(await fireConcurrently(4, [`${base}/plain`], () => token.globex))).toEqual(
      {
        200: 2,
        429: 2,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(countStatuses(await fireConcurrently(4, [`${base}/plain`], () => token.globex))).toEqual(
      {
        200: 2,
        429: 2,
      },
    );
  });

  it('uses the sliding window when algorithm = "sliding"', async () => {
    const base = await start(
      tenantLimitOptions({ limit: 1_000, ttl: '60s', perTenantLimit: 5, algorithm: 'sliding' }),
    );
    const acme = await fireConcurrently(12, [`${base}/plain`], () => token.acme);
    expect(countStatuses(acme)).toEqual({ 200: 5, 429: 7 });
    const limited = acme.find((response) => response.status === 429)!;
    expect(limited.body).toEqual(RATE_LIMITED_BODY);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(countStatuses(await fireConcurrently(6, [`${base}/plain`], () => token.hooli))).toEqual({
      200: 5,
      429: 1,
    });
  });
});
