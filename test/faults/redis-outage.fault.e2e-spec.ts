/**
 * Fault injection: Redis is SIGKILLed in the middle of a load run and restarted while the
 * load continues, in both fail modes. No request hangs; while Redis is down fail_mode
 * decides (open: served and audited as such; closed: 503 JSON); once Redis is back the
 * same app instances enforce the limit again without a restart.
 */
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { FailMode } from '@coresdk/core-sdk';
import { createIssuer, type IssuerFixture } from '../../libs/core-sdk/test/authz-support/keys';
import { writePolicyDir, type PolicyDir } from '../../libs/core-sdk/test/authz-support/policy-dir';
import { DisposableRedis } from '../../libs/core-sdk/test/support/redis-server';
import { countBy, runLoad, type LoadResponse } from '../load/support/http-load';
import {
  startReliabilityInstance,
  type ReliabilityInstance,
} from '../load/support/reliability-app';
import { reliabilityOptions } from '../load/support/reliability-options';
import { RELIABILITY_POLICIES } from '../load/support/tenant-records';

const LIMIT = 150;
const TOTAL_REQUESTS = 1_200;
const KILL_AFTER = 250;
const RESTART_AFTER = 700;
/** Far above a healthy request, far below "hung": Redis commands time out after 500 ms. */
const REQUEST_BOUND_MS = 5_000;

let issuer: IssuerFixture;
let policies: PolicyDir;
let redis: DisposableRedis;
let callers: Array<{ tenant: string; token: string }>;

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(RELIABILITY_POLICIES);
  // A private server on its own port: this file kills it; the machine's Redis is never touched.
  redis = await DisposableRedis.start();
  callers = await Promise.all(
    ['acme', 'globex'].map(async (tenant) => ({ tenant, token: await issuer.token(tenant) })),
  );
});

afterAll(async () => {
  await redis?.stop();
  issuer?.remove();
  policies?.remove();
});

describe.each<[FailMode, number]>([
  ['open', 200],
  ['closed', 503],
])('Redis killed and restarted under load, fail_mode = %s', (failMode, statusWhileDown) => {
  let instances: ReliabilityInstance[] = [];
  let responses: LoadResponse[];
  const serviceName = `faults-${failMode}-${randomUUID()}`;

  beforeAll(async () => {
    const options = reliabilityOptions({
      keys: { jwksFile: issuer.jwksFile },
      policyDir: policies.dir,
      serviceName,
      failMode,
      rateLimit: { limit: LIMIT, ttl: '30m', storage: redis.url },
    });
    instances = [
      await startReliabilityInstance('express', options),
      await startReliabilityInstance('fastify', options),
    ];
    responses = await runLoad({
      urls: instances.map((instance) => instance.url),
      total: TOTAL_REQUESTS,
      concurrency: 16,
      caller: (index) => callers[index % callers.length],
      path: '/records',
      requestTimeoutMs: REQUEST_BOUND_MS,
      onResponse: async (_response, completed) => {
        if (completed === KILL_AFTER) await redis.stop();
        if (completed === RESTART_AFTER) await redis.resume();
      },
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.app.close()));
    // Leave Redis running for the next fail mode whatever happened.
    await redis.stop();
    await redis.resume();
  });

  it('finishes every request within the bound (none hangs on the dead Redis)', () => {
    expect(responses.filter(Boolean)).toHaveLength(TOTAL_REQUESTS);
    expect(Math.max(...responses.map((response) => response.elapsedMs))).toBeLessThan(
      REQUEST_BOUND_MS,
    );
  });

  it(`answers ${statusWhileDown} while Redis is down, and audits each one as fail_mode_applied`, () => {
    const records = instances.flatMap((instance) => instance.audit.records);
    expect(records).toHaveLength(TOTAL_REQUESTS);
    const failModeRecords = records.filter((record) => record.fail_mode_applied);
    expect(failModeRecords.length).toBeGreaterThan(0);
    for (const record of failModeRecords) {
      expect(record).toMatchObject({
        decision: failMode === 'open' ? 'allow' : 'error',
        status: statusWhileDown,
      });
      // Closed: the limiter's rejection is the last word. Open: the request goes on to
      // @Authorize, whose verdict joins the fail mode's reason (fail_mode_applied stays set).
      expect(record.reason).toBe(
        failMode === 'open' ? 'rate_limit_unavailable+policy_allow' : 'rate_limit_unavailable',
      );
    }
    const statuses = countBy(responses, (response) => response.status);
    expect(Object.keys(statuses).sort()).toEqual(
      failMode === 'open' ? ['200', '429'] : ['200', '429', '503'],
    );
    if (failMode === 'closed') {
      expect(statuses[503]).toBe(failModeRecords.length);
      for (const unavailable of responses.filter((response) => response.status === 503)) {
        expect(unavailable.body).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'rate limit unavailable',
        });
      }
    }
    // Counted requests: at most one full allowance before the kill and one after the restart.
    const countedAllowed = records.filter(
      (record) => record.status === 200 && !record.fail_mode_applied,
    );
    expect(countedAllowed.length).toBeLessThanOrEqual(2 * LIMIT);
    expect(countedAllowed.length).toBeGreaterThanOrEqual(LIMIT);
  });

  it('enforces the limit again after the restart, in the same app instances', async () => {
    // Wait until both instances count again (ioredis reconnects on its own).
    for (const [index, instance] of instances.entries()) {
      const deadline = Date.now() + 15_000;
      let recovered = false;
      while (!recovered && Date.now() < deadline) {
        await runLoad({
          urls: [instance.url],
          total: 1,
          concurrency: 1,
          caller: () => callers[index % callers.length],
          path: '/records',
          requestTimeoutMs: REQUEST_BOUND_MS,
        });
        recovered = !instance.audit.records[instance.audit.records.length - 1].fail_mode_applied;
        if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe(true);
    }
    // The window restarted with Redis (no persistence) and the tail of the load already
    // spent part of it: the service's counter says how much (key layout of the Redis
    // storage: prefix, service, throttler, tracker). A burst past the limit gets exactly
    // the rest of the allowance, across both instances, and 429 after that.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const spent = Number((await client.get(`coresdk:rl:${serviceName}:default:service`)) ?? 0);
    client.disconnect();
    const recordsBefore = instances.map((instance) => instance.audit.records.length);
    const burst = await runLoad({
      urls: instances.map((instance) => instance.url),
      total: LIMIT + 50,
      concurrency: 16,
      caller: (index) => callers[index % callers.length],
      path: '/records',
      requestTimeoutMs: REQUEST_BOUND_MS,
    });
    const allowed = Math.max(0, LIMIT - spent);
    expect(countBy(burst, (response) => response.status)).toEqual(
      allowed > 0 ? { 200: allowed, 429: LIMIT + 50 - allowed } : { 429: LIMIT + 50 },
    );
    const burstRecords = instances.flatMap((instance, index) =>
      instance.audit.records.slice(recordsBefore[index]),
    );
    expect(burstRecords).toHaveLength(LIMIT + 50);
    expect(burstRecords.filter((record) => record.fail_mode_applied)).toEqual([]);
  });
});
