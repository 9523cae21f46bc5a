import type { INestApplication } from '@nestjs/common';
import { CoreSdkModule } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import {
  countStatuses,
  fireConcurrently,
  listen,
  timedGet,
} from './authz-support/concurrent-requests';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
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
let tokens: string[];

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
  tokens = await Promise.all(['acme', 'globex', 'hooli'].map((tenant) => issuer.token(tenant)));
});
afterAll(() => {
  issuer.remove();
  policies.remove();
});

describe.each(ADAPTERS)('service-wide rate limit, memory storage, on %s', (adapter) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(limit: number, ttl: string, serviceHeaders?: boolean): Promise<string> {
    const options = authzOptions(issuer.jwksFile, policies.dir, {
      rateLimit: { limit, ttl, storage: 'memory', serviceHeaders },
    });
    app = await createApp(adapter, CoreSdkModule.forRoot(options));
    return listen(app);
  }

  it('lets exactly 50 of 200 concurrent requests through, across tenants and routes', async () => {
    const base = await start(50, '60s');
    exporter.reset();
    const responses = await fireConcurrently(
      200,
      [`${base}/products`, `${base}/plain`, `${base}/analytics/summary`],
      (index) => tokens[index % tokens.length],
    );
    expect(countStatuses(responses)).toEqual({ 200: 50, 429: 150 });

    for (const limited of responses.filter((r) => r.status === 429)) {
      expect(limited.body).toEqual(RATE_LIMITED_BODY);
      const retryAfter = Number(limited.retryAfter);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // By default the shared counter is not reported: it would show every tenant the others' traffic.
    for (const allowed of responses.filter((r) => r.status === 200)) {
      expect(allowed.rateLimitRemaining).toBeNull();
    }

    // Every one of them, allowed or limited, is audited exactly once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const spans = auditSpans(exporter);
    expect(spans).toHaveLength(200);
    const reasons = countBy(spans.map((s) => String(s.attributes['coresdk.reason'])));
    expect(reasons.rate_limited).toBe(150);
  });

  it('reports the service-wide counter in X-RateLimit-* only with service_headers', async () => {
    const base = await start(5, '60s', true);
    const [first] = await fireConcurrently(1, [`${base}/plain`], () => tokens[0]);
    expect(first.status).toBe(200);
    expect(first.rateLimitRemaining).toBe(4);
    const rest = await fireConcurrently(5, [`${base}/plain`], () => tokens[1]);
    expect(countStatuses(rest)).toEqual({ 200: 4, 429: 1 });
    expect(Number(rest.find((r) => r.status === 429)?.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('counts public routes too, but not requests rejected by authentication', async () => {
    const base = await start(3, '60s');
    expect((await timedGet(`${base}/health`)).status).toBe(200);
    expect((await timedGet(`${base}/plain`)).status).toBe(401);
    expect((await timedGet(`${base}/plain`, 'not-a-token')).status).toBe(401);
    expect((await timedGet(`${base}/plain`, tokens[0])).status).toBe(200);
    expect((await timedGet(`${base}/health`)).status).toBe(200);
    const limited = await timedGet(`${base}/health`);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(RATE_LIMITED_BODY);
    // Authentication still comes first: a bad token is 401 even when the limit is spent.
    expect((await timedGet(`${base}/plain`)).status).toBe(401);
  });

  it('opens a new window when the ttl has passed', async () => {
    const base = await start(2, '2s');
    const first = await fireConcurrently(4, [`${base}/plain`], () => tokens[1]);
    expect(countStatuses(first)).toEqual({ 200: 2, 429: 2 });
    expect(['1', '2']).toContain(first.find((r) => r.status === 429)?.retryAfter);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const second = await fireConcurrently(4, [`${base}/plain`], () => tokens[1]);
    expect(countStatuses(second)).toEqual({ 200: 2, 429: 2 });
  });
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
