import type { INestApplication } from '@nestjs/common';
import { AuditStats, CoreSdkModule, type CoreSdkModuleOptions } from '../src';
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
import { AuditCollector, eventually } from './audit-sinks-support/audit-collector';
import { installMemoryExporter } from './support/otel-memory';
import { ADAPTERS } from './tenant-support/fixture-app';

installMemoryExporter();
let issuer: IssuerFixture;
let policies: PolicyDir;
let collector: AuditCollector;
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
beforeEach(async () => (collector = await AuditCollector.start()));
afterEach(() => collector.stop());

function options(
  audit: NonNullable<CoreSdkModuleOptions['audit']>,
  tenantUrls: Record<string, string> = {},
): CoreSdkModuleOptions {
  return {
    ...authzOptions(issuer.jwksFile, policies.dir, {
      rateLimit: { limit: 10_000, ttl: '60s', storage: 'memory' },
    }),
    audit: {
      sinks: ['otel', 'http'],
      httpUrl: `${collector.baseUrl}/audit/{tenant}`,
      flushInterval: '30ms',
      retryBackoff: '50ms',
      maxRetryBackoff: '200ms',
      httpTimeout: '1s',
      ...audit,
    },
    tenants: AUTHZ_TENANTS.map((tenant) =>
      tenantUrls[tenant.id] ? { ...tenant, audit: { http_url: tenantUrls[tenant.id] } } : tenant,
    ),
  };
}

describe.each(ADAPTERS)('HTTP audit sink on %s', (adapter) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(audit: NonNullable<CoreSdkModuleOptions['audit']>, tenantUrls = {}) {
    app = await createApp(adapter, CoreSdkModule.forRoot(options(audit, tenantUrls)));
    return { base: await listen(app), stats: app.get(AuditStats) };
  }

  it('POSTs each tenant its own batches; records without a tenant go to _unauthenticated', async () => {
    const { base, stats } = await start(
      { batchSize: 4 },
      { hooli: `${collector.baseUrl}/hooli-own` },
    );
    await fireConcurrently(10, [`${base}/plain`], () => token.acme);
    await fireConcurrently(3, [`${base}/plain`], () => token.globex);
    await timedGet(`${base}/plain`, token.hooli);
    await timedGet(`${base}/plain`);
    await eventually(() => collector.recordCount === 15 && stats.delivered === 15);
    expect(collector.recordsAt('/audit/acme')).toHaveLength(10);
    expect(collector.recordsAt('/audit/acme').every((r) => r.tenant_id === 'acme')).toBe(true);
    expect(collector.recordsAt('/audit/globex')).toHaveLength(3);
    expect(collector.recordsAt('/hooli-own')).toEqual([
      expect.objectContaining({ tenant_id: 'hooli' }),
    ]);
    expect(collector.recordsAt('/audit/_unauthenticated')).toEqual([
      expect.objectContaining({ tenant_id: null, reason: 'missing_token', status: 401 }),
    ]);
    // Batched: never more than batch_size records in one POST.
    expect(Math.max(...collector.batches.map((batch) => batch.records.length))).toBeLessThanOrEqual(
      4,
    );
    expect(collector.batches.find((batch) => batch.path === '/audit/acme')?.tenant).toBe('acme');
    expect(stats.snapshot()).toMatchObject({ delivered: 15, dropped: 0 });
  });

  it('survives an outage: requests unaffected, overflow counted, the queued ones delivered after', async () => {
    const { base, stats } = await start({ batchSize: 5, maxQueue: 8 });
    await timedGet(`${base}/plain`, token.acme);
    await eventually(() => collector.recordCount === 1);

    await collector.stop();
    const during = await fireConcurrently(30, [`${base}/plain`], () => token.acme);
    expect(countStatuses(during)).toEqual({ 200: 30 });
    // The sink never slows a request down, however long the collector stays away.
    expect(Math.max(...during.map((response) => response.elapsedMs))).toBeLessThan(1_000);
    await eventually(() => stats.dropped === 22); // 30 written, 8 held
    expect(stats.snapshot().droppedByReason).toEqual({ queue_full: 22 });
    expect(stats.snapshot().sinks.http.acme).toEqual({ delivered: 1, dropped: 22 });

    await collector.resume();
    // The collector stores a batch just before the sink sees its response: wait for both.
    await eventually(
      () => collector.recordsAt('/audit/acme').length === 9 && stats.delivered === 9,
    );
    expect(stats.snapshot()).toMatchObject({ delivered: 9, dropped: 22 });
    // Every record is accounted for: delivered or counted as dropped.
    expect(stats.delivered + stats.dropped).toBe(31);
  });

  it("keeps tenants' streams apart: one tenant's dead collector costs the others nothing", async () => {
    const { base, stats } = await start(
      { batchSize: 2, maxQueue: 3, shutdownTimeout: '200ms' },
      { globex: 'http://127.0.0.1:9/unreachable' },
    );
    await fireConcurrently(10, [`${base}/plain`], () => token.globex);
    // While globex's collector is unreachable (and its stream full), acme's records flow.
    await fireConcurrently(3, [`${base}/plain`], () => token.acme);
    await eventually(
      () => collector.recordsAt('/audit/acme').length === 3 && stats.delivered === 3,
    );
    await eventually(() => stats.snapshot().sinks.http.globex?.dropped === 7);
    expect(stats.snapshot().sinks.http.acme).toEqual({ delivered: 3, dropped: 0 });
    expect(stats.snapshot().sinks.http.globex.delivered).toBe(0);
  });

  it('retries 503s with backoff and drops a batch the collector refuses (400), counting it', async () => {
    const { base, stats } = await start({ batchSize: 10 });
    collector.mode = 'failing';
    await timedGet(`${base}/plain`, token.acme);
    await eventually(() => collector.attempts >= 3);
    collector.mode = 'up';
    await eventually(() => collector.recordCount === 1 && stats.delivered === 1);

    collector.mode = 'rejecting';
    await timedGet(`${base}/plain`, token.globex);
    await eventually(() => stats.dropped === 1);
    expect(stats.snapshot().droppedByReason).toEqual({ rejected: 1 });
    expect(stats.snapshot().sinks.http.acme).toEqual({ delivered: 1, dropped: 0 });
  });

  it('flushes the buffered records on graceful shutdown', async () => {
    const { base } = await start({ batchSize: 1_000, flushInterval: '1h' });
    await fireConcurrently(7, [`${base}/plain`], (index) => (index % 2 ? token.acme : token.hooli));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(collector.recordCount).toBe(0);
    await app!.close();
    app = undefined;
    expect(collector.recordsAt('/audit/acme')).toHaveLength(3);
    expect(collector.recordsAt('/audit/hooli')).toHaveLength(4);
  });

  it('bounds the shutdown flush when the collector is down, and counts what it lost', async () => {
    const { base, stats } = await start({
      batchSize: 1_000,
      flushInterval: '1h',
      shutdownTimeout: '300ms',
    });
    await fireConcurrently(4, [`${base}/plain`], () => token.acme);
    await collector.stop();
    const started = Date.now();
    await app!.close();
    app = undefined;
    expect(Date.now() - started).toBeLessThan(2_000);
    await eventually(() => stats.dropped === 4);
    expect(stats.snapshot().droppedByReason).toEqual({ shutdown: 4 });
  });
});
