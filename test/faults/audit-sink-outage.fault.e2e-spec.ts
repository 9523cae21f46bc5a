/**
 * Fault injection: the audit collector behind the HTTP batch sink is down while requests
 * arrive. Requests must not notice (statuses and latency as usual, other sinks still get
 * every record); when the collector returns, the records held meanwhile are delivered,
 * each to its own tenant's stream, exactly once.
 */
import { randomUUID } from 'node:crypto';
import { createIssuer, type IssuerFixture } from '../../libs/core-sdk/test/authz-support/keys';
import { writePolicyDir, type PolicyDir } from '../../libs/core-sdk/test/authz-support/policy-dir';
import { countBy, runLoad, type LoadResponse } from '../load/support/http-load';
import {
  startReliabilityInstance,
  type ReliabilityInstance,
} from '../load/support/reliability-app';
import { reliabilityOptions } from '../load/support/reliability-options';
import { RELIABILITY_POLICIES } from '../load/support/tenant-records';
import { AuditCollector } from './support/audit-collector';

const REQUESTS = 400;
const REQUEST_BOUND_MS = 3_000;

let issuer: IssuerFixture;
let policies: PolicyDir;
let collector: AuditCollector;
let instance: ReliabilityInstance;
let duringOutage: LoadResponse[];

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(RELIABILITY_POLICIES);
  collector = new AuditCollector();
  // Start once to fix the port, then take it down before the app sends anything.
  await collector.start();
  await collector.stop();
  instance = await startReliabilityInstance(
    'express',
    reliabilityOptions({
      keys: { jwksFile: issuer.jwksFile },
      policyDir: policies.dir,
      serviceName: `audit-faults-${randomUUID()}`,
      rateLimit: { limit: 100_000, ttl: '30m', storage: 'memory' },
      audit: {
        sinks: ['otel', 'http'],
        httpUrl: `${collector.origin}/audit/{tenant}`,
        batchSize: 25,
        flushInterval: '50ms',
        maxQueue: 10_000,
        retryBackoff: '50ms',
        maxRetryBackoff: '250ms',
        httpTimeout: '2s',
        shutdownTimeout: '2s',
      },
    }),
  );
  const callers = await Promise.all(
    ['acme', 'globex'].map(async (tenant) => ({ tenant, token: await issuer.token(tenant) })),
  );
  duringOutage = await runLoad({
    urls: [instance.url],
    total: REQUESTS,
    concurrency: 16,
    caller: (index) => callers[index % callers.length],
    path: '/records',
    requestTimeoutMs: REQUEST_BOUND_MS,
  });
}, 60_000);

afterAll(async () => {
  await instance?.app.close();
  await collector?.stop();
  issuer?.remove();
  policies?.remove();
});

describe('audit collector down, then back', () => {
  it('serves every request as usual while the collector is down', () => {
    expect(countBy(duringOutage, (response) => response.status)).toEqual({ 200: REQUESTS });
    expect(Math.max(...duringOutage.map((response) => response.elapsedMs))).toBeLessThan(
      REQUEST_BOUND_MS,
    );
    // Another sink is not held up by the one that cannot deliver.
    expect(instance.audit.records).toHaveLength(REQUESTS);
    expect(collector.records).toHaveLength(0);
  });

  it('delivers every held record once the collector is back, each in its tenant’s stream', async () => {
    await collector.start();
    await collector.waitForRecords(REQUESTS, 20_000);
    const delivered = collector.records;
    expect(delivered).toHaveLength(REQUESTS);
    expect(countBy(delivered, (record) => `${record.tenant_id} ${record.status}`)).toEqual(
      countBy(duringOutage, (response) => `${response.tenant} ${response.status}`),
    );
    for (const batch of collector.batches) {
      expect(batch.path).toBe(`/audit/${batch.tenant}`);
      expect(batch.records.every((record) => record.tenant_id === batch.tenant)).toBe(true);
    }
  });
});
