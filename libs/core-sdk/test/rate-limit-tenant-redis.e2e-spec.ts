import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CoreSdkModule, type CoreSdkModuleOptions, type RateLimitAlgorithm } from '../src';
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
import { DisposableRedis } from './support/redis-server';
import type { AdapterName } from './tenant-support/fixture-app';

let issuer: IssuerFixture;
let policies: PolicyDir;
let redis: DisposableRedis;
const token: Record<string, string> = {};

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
  for (const tenant of ['acme', 'globex', 'hooli']) token[tenant] = await issuer.token(tenant);
  // A private server on its own port: never the machine's shared Redis.
  redis = await DisposableRedis.start();
});
afterAll(async () => {
  await redis?.stop();
  issuer.remove();
  policies.remove();
});

describe.each<RateLimitAlgorithm>(['fixed', 'sliding'])(
  'per-tenant rate limits, Redis storage, %s window',
  (algorithm) => {
    const apps: INestApplication[] = [];
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((app) => app.close()));
    });

    /** One app per adapter, sharing the counters of one service in Redis. */
    async function startInstances(
      rateLimit: NonNullable<CoreSdkModuleOptions['rateLimit']>,
      ownLimits: Record<string, { limit: number }> = {},
    ): Promise<string[]> {
      const serviceName = `svc-${randomUUID()}`;
      const urls: string[] = [];
      for (const adapter of ['express', 'fastify'] as AdapterName[]) {
        const options: CoreSdkModuleOptions = {
          ...authzOptions(issuer.jwksFile, policies.dir, {
            rateLimit: { storage: redis.url, ttl: '60s', algorithm, ...rateLimit },
            sdk: { serviceName },
          }),
          tenants: AUTHZ_TENANTS.map((tenant) =>
            ownLimits[tenant.id] ? { ...tenant, rate_limit: ownLimits[tenant.id] } : tenant,
          ),
        };
        const app = await createApp(adapter, CoreSdkModule.forRoot(options));
        apps.push(app);
        urls.push(await listen(app));
      }
      return urls;
    }

    it('is exact across two instances: 10 of 100 concurrent requests of one tenant pass', async () => {
      const [express, fastify] = await startInstances({ limit: 1_000, perTenantLimit: 10 });
      const responses = await fireConcurrently(
        100,
        [`${express}/plain`, `${fastify}/plain`],
        () => token.acme,
      );
      expect(countStatuses(responses)).toEqual({ 200: 10, 429: 90 });
      for (const limited of responses.filter((response) => response.status === 429)) {
        expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(Number(limited.retryAfter)).toBeLessThanOrEqual(120);
      }
    });

    it("one tenant's flood cannot use up another tenant's budget, across instances", async () => {
      // Service-wide 25, each tenant 10 (acme its own 5): acme's flood is cut at 5, so
      // globex and hooli still get their 10 each from the shared window.
      const [express, fastify] = await startInstances(
        { limit: 25, perTenantLimit: 10 },
        { acme: { limit: 5 } },
      );
      const urls = [`${express}/plain`, `${fastify}/plain`];
      const flood = await fireConcurrently(150, urls, () => token.acme);
      expect(countStatuses(flood)).toEqual({ 200: 5, 429: 145 });
      const others = await fireConcurrently(20, urls, (index) =>
        index % 2 === 0 ? token.globex : token.hooli,
      );
      expect(countStatuses(others)).toEqual({ 200: 20 });
      // 25 admitted: the shared window is spent for everyone, public routes included.
      expect((await timedGet(`${fastify}/health`)).status).toBe(429);
    });
  },
);

describe('per-tenant rate limits while Redis is down', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('applies fail_mode to the tenant check too, and enforces the budget again once Redis is back', async () => {
    const options: CoreSdkModuleOptions = {
      ...authzOptions(issuer.jwksFile, policies.dir, {
        rateLimit: { storage: redis.url, limit: 1_000, ttl: '60s', perTenantLimit: 3 },
        sdk: { serviceName: `svc-${randomUUID()}`, failMode: 'closed' },
      }),
    };
    app = await createApp('express', CoreSdkModule.forRoot(options));
    const base = await listen(app);
    expect((await timedGet(`${base}/plain`, token.acme)).status).toBe(200);

    await redis.stop();
    try {
      const down = await timedGet(`${base}/plain`, token.acme);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ message: 'rate limit unavailable' });
      expect(down.elapsedMs).toBeLessThan(1_500);
    } finally {
      await redis.resume();
    }
    // Back: a fresh Redis holds no counters, so acme has its whole budget of 3 again.
    // The client reconnects in the background; until then fail_mode keeps answering 503.
    let status = 503;
    const deadline = Date.now() + 5_000;
    while (status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await timedGet(`${base}/plain`, token.acme)).status;
    }
    expect(status).toBe(200);
    const rest = await fireConcurrently(4, [`${base}/plain`], () => token.acme);
    expect(countStatuses(rest)).toEqual({ 200: 2, 429: 2 });
  });
});
