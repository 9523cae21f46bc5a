import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CoreSdkModule, type FailMode } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import {
  countStatuses,
  fireConcurrently,
  listen,
  timedGet,
  type ObservedResponse,
} from './authz-support/concurrent-requests';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { DisposableRedis } from './support/redis-server';
import type { AdapterName } from './tenant-support/fixture-app';

const exporter = installMemoryExporter();
let issuer: IssuerFixture;
let policies: PolicyDir;
let redis: DisposableRedis;
let tokens: string[];

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
  tokens = await Promise.all(['acme', 'globex'].map((tenant) => issuer.token(tenant)));
  // A private server: these tests kill and restart it, never the machine's shared Redis.
  redis = await DisposableRedis.start();
});
afterAll(async () => {
  await redis?.stop();
  issuer.remove();
  policies.remove();
});

describe('service-wide rate limit, Redis storage', () => {
  const apps: INestApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  /** Starts one app per adapter, all sharing the service's counter in Redis. */
  async function startInstances(
    adapters: AdapterName[],
    limit: number,
    failMode: FailMode = 'closed',
    serviceName = `svc-${randomUUID()}`,
  ): Promise<string[]> {
    const urls: string[] = [];
    for (const adapter of adapters) {
      const options = authzOptions(issuer.jwksFile, policies.dir, {
        rateLimit: { limit, ttl: '60s', storage: redis.url, serviceHeaders: true },
        sdk: { serviceName, failMode },
      });
      const app = await createApp(adapter, CoreSdkModule.forRoot(options));
      apps.push(app);
      urls.push(await listen(app));
    }
    return urls;
  }

  it('is exact across two app instances: 50 of 200 concurrent requests pass', async () => {
    // Four warm-up requests load both tenants' policy modules on both instances, so the
    // burst below measures the counter, not a cold start; they count against the window.
    const warmUp = 4;
    const [express, fastify] = await startInstances(['express', 'fastify'], 50 + warmUp);
    for (const url of [express, fastify]) {
      for (const token of tokens) {
        expect((await timedGet(`${url}/products`, token)).status).toBe(200);
      }
    }
    const responses = await fireConcurrently(
      200,
      [`${express}/products`, `${fastify}/products`, `${express}/plain`, `${fastify}/plain`],
      (index) => tokens[index % tokens.length],
    );
    expect(countStatuses(responses)).toEqual({ 200: 50, 429: 150 });
    for (const limited of responses.filter((r) => r.status === 429)) {
      expect(limited.body).toMatchObject({ statusCode: 429, message: 'rate limit exceeded' });
      expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    }
  });

  it('keeps the count when an instance joins later', async () => {
    const serviceName = `svc-${randomUUID()}`;
    const [first] = await startInstances(['express'], 5, 'closed', serviceName);
    const before = await fireConcurrently(3, [`${first}/plain`], () => tokens[0]);
    expect(countStatuses(before)).toEqual({ 200: 3 });
    // A second instance of the same service shares the window that is already open.
    const [second] = await startInstances(['fastify'], 5, 'closed', serviceName);
    const after = await fireConcurrently(4, [`${second}/plain`], () => tokens[1]);
    expect(countStatuses(after)).toEqual({ 200: 2, 429: 2 });
  });

  it('keeps services apart: another service name has its own counter', async () => {
    const [spent] = await startInstances(['express'], 2);
    await fireConcurrently(3, [`${spent}/plain`], () => tokens[0]);
    const [other] = await startInstances(['express'], 2);
    expect((await timedGet(`${other}/plain`, tokens[0])).status).toBe(200);
  });

  it('starts while Redis is down, applies fail_mode, then enforces the limit once it is up', async () => {
    await redis.stop();
    let resumed = false;
    try {
      const started = Date.now();
      const [url] = await startInstances(['fastify'], 3, 'closed');
      // Startup waits for Redis only briefly (it must not hang on it).
      expect(Date.now() - started).toBeLessThan(5_000);
      const during = await timedGet(`${url}/plain`, tokens[0]);
      expect(during.status).toBe(503);
      expect(during.elapsedMs).toBeLessThan(2_000);

      await redis.resume();
      resumed = true;
      const recovered = await untilCounted(`${url}/plain`, tokens[0]);
      const remaining = recovered.rateLimitRemaining!;
      const burst = await fireConcurrently(remaining + 2, [`${url}/plain`], () => tokens[0]);
      expect(countStatuses(burst)).toEqual(remaining > 0 ? { 200: remaining, 429: 2 } : { 429: 2 });
    } finally {
      // Leave the server running for the next test (resume() would start a second one).
      if (!resumed) await redis.resume();
    }
  });

  describe.each([
    ['closed', 503],
    ['open', 200],
  ] as Array<[FailMode, number]>)('Redis stopped mid-test, fail_mode = %s', (failMode, status) => {
    afterEach(async () => {
      // Whatever happened, leave the server running for the next test.
      await redis.stop();
      await redis.resume();
    });

    it(`answers ${status} without hanging, audits it, and recovers on restart`, async () => {
      const urls = await startInstances(['express', 'fastify'], 10, failMode);
      const healthy = await fireConcurrently(
        4,
        urls.map((u) => `${u}/plain`),
        () => tokens[0],
      );
      expect(countStatuses(healthy)).toEqual({ 200: 4 });
      // Let the healthy requests' audit records land before counting the outage's.
      await new Promise((resolve) => setTimeout(resolve, 50));

      await redis.stop();
      exporter.reset();
      const during = await fireConcurrently(
        20,
        urls.flatMap((u) => [`${u}/plain`, `${u}/products`]),
        () => tokens[0],
      );
      // Far more than the limit of 10: with Redis down nothing is counted.
      expect(countStatuses(during)).toEqual({ [status]: 20 });
      expect(Math.max(...during.map((r) => r.elapsedMs))).toBeLessThan(2_000);
      if (failMode === 'closed') {
        expect(during[0].body).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'rate limit unavailable',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      const spans = auditSpans(exporter);
      expect(spans).toHaveLength(20);
      for (const span of spans) {
        expect(span.attributes).toMatchObject({
          'coresdk.fail_mode_applied': true,
          'coresdk.decision': failMode === 'open' ? 'allow' : 'error',
          'http.response.status_code': status,
        });
      }
      const plain = spans.filter((s) => s.attributes['http.route'] === '/plain');
      expect(plain.map((s) => s.attributes['coresdk.reason'])).toEqual(
        Array(10).fill('rate_limit_unavailable'),
      );

      // A bad token is still a 401 while Redis is down, in either fail mode.
      expect((await timedGet(`${urls[0]}/plain`, 'bad')).status).toBe(401);

      await redis.resume();
      // Both instances reconnect on their own; the limit is enforced again as soon as
      // each reports a counter (X-RateLimit-Remaining) for the restarted, empty window.
      const recovered = await untilCounted(`${urls[1]}/plain`, tokens[1]);
      expect(recovered.body).toEqual({ tenant: 'globex', plain: true });
      const { rateLimitRemaining } = await untilCounted(`${urls[0]}/plain`, tokens[1]);
      expect(rateLimitRemaining).toBeGreaterThan(0);
      const afterRestart = await fireConcurrently(
        20,
        urls.map((u) => `${u}/plain`),
        () => tokens[0],
      );
      expect(countStatuses(afterRestart)).toEqual({
        200: rateLimitRemaining,
        429: 20 - rateLimitRemaining!,
      });
    });
  });
});

/** Retries until the rate limit storage answers again (the response carries a count). */
async function untilCounted(url: string, token: string): Promise<ObservedResponse> {
  const deadline = Date.now() + 10_000;
  let last = await timedGet(url, token);
  while (last.rateLimitRemaining === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await timedGet(url, token);
  }
  expect(last.status).toBe(200);
  expect(last.rateLimitRemaining).not.toBeNull();
  return last;
}
