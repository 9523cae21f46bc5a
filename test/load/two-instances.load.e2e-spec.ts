/**
 * Load: 10,000 requests across two app instances (Express and Fastify) sharing one Redis
 * counter. Asserts the limit is exact across instances, every request is audited exactly
 * once with the status the client saw, and no response carries another tenant's data.
 */
import { randomUUID } from 'node:crypto';
import { createIssuer, type IssuerFixture } from '../../libs/core-sdk/test/authz-support/keys';
import { writePolicyDir, type PolicyDir } from '../../libs/core-sdk/test/authz-support/policy-dir';
import { DisposableRedis } from '../../libs/core-sdk/test/support/redis-server';
import { countBy, runLoad, type LoadResponse } from './support/http-load';
import { startReliabilityInstance, type ReliabilityInstance } from './support/reliability-app';
import { reliabilityOptions } from './support/reliability-options';
import { RELIABILITY_POLICIES, type TenantRecord } from './support/tenant-records';

const TOTAL_REQUESTS = 10_000;
/** Well below the total, so that most of the run is over the limit. */
const LIMIT = 3_000;
const CONCURRENCY = 32;

let issuer: IssuerFixture;
let policies: PolicyDir;
let redis: DisposableRedis;
let instances: ReliabilityInstance[] = [];
let callers: Array<{ tenant: string; token: string }>;

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(RELIABILITY_POLICIES);
  redis = await DisposableRedis.start();
  // Several users per tenant, so tokens (and cached verifications) differ within a tenant.
  callers = await Promise.all(
    ['acme', 'globex', 'acme', 'globex', 'globex', 'acme'].map(async (tenant, n) => ({
      tenant,
      token: await issuer.token(tenant, { sub: `user-${n}` }),
    })),
  );
  const options = reliabilityOptions({
    keys: { jwksFile: issuer.jwksFile },
    policyDir: policies.dir,
    serviceName: `load-${randomUUID()}`,
    // A window far longer than the run: every request falls in the same window.
    rateLimit: { limit: LIMIT, ttl: '30m', storage: redis.url },
  });
  instances = [
    await startReliabilityInstance('express', options),
    await startReliabilityInstance('fastify', options),
  ];
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.app.close()));
  await redis?.stop();
  issuer?.remove();
  policies?.remove();
});

describe('10,000 requests across two instances sharing Redis', () => {
  let responses: LoadResponse[];

  beforeAll(async () => {
    const started = performance.now();
    responses = await runLoad({
      urls: instances.map((instance) => instance.url),
      total: TOTAL_REQUESTS,
      concurrency: CONCURRENCY,
      caller: (index) => callers[index % callers.length],
      path: '/records',
      requestTimeoutMs: 10_000,
    });
    const seconds = (performance.now() - started) / 1000;
    // For BENCHMARKS.md: throughput of the whole stack on this machine, not an assertion.
    console.log(
      `load: ${TOTAL_REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(TOTAL_REQUESTS / seconds)} req/s)`,
    );
  }, 120_000);

  it('lets exactly `limit` requests through in the window, across both instances; the rest are 429', () => {
    expect(countBy(responses, (response) => response.status)).toEqual({
      200: LIMIT,
      429: TOTAL_REQUESTS - LIMIT,
    });
    // Both instances served part of the allowance: the counter really is shared.
    const servedPerInstance = countBy(
      responses.filter((response) => response.status === 200),
      (response) => response.instance,
    );
    expect(Object.keys(servedPerInstance).sort()).toEqual(['0', '1']);
    for (const limited of responses.filter((response) => response.status === 429)) {
      expect(limited.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'rate limit exceeded',
      });
    }
  });

  it('writes exactly one audit record per request, with the status the client saw', () => {
    const records = instances.flatMap((instance) => instance.audit.records);
    expect(records).toHaveLength(TOTAL_REQUESTS);
    instances.forEach((instance, index) => {
      const sent = responses.filter((response) => response.instance === index);
      expect(instance.audit.records).toHaveLength(sent.length);
      // Per instance and tenant, the statuses recorded are the statuses received.
      expect(
        countBy(instance.audit.records, (record) => `${record.tenant_id} ${record.status}`),
      ).toEqual(countBy(sent, (response) => `${response.tenant} ${response.status}`));
    });
    expect(countBy(records, (record) => `${record.decision} ${record.reason}`)).toEqual({
      'allow policy_allow': LIMIT,
      'deny rate_limited': TOTAL_REQUESTS - LIMIT,
    });
  });

  it('never returns another tenant’s data: every 200 is tagged with the token’s tenant', () => {
    const served = responses.filter((response) => response.status === 200);
    const leaks = served.filter((response) => {
      const body = response.body as { tenant: string; records: TenantRecord[] };
      return (
        body.tenant !== response.tenant ||
        body.records.length !== 3 ||
        body.records.some((record) => record.tenant !== response.tenant)
      );
    });
    expect(leaks).toEqual([]);
    expect(new Set(served.map((response) => response.tenant))).toEqual(new Set(['acme', 'globex']));
  });
});
