import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditStats, CoreSdkModule, type CoreSdkModuleOptions } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import { listen, timedGet } from './authz-support/concurrent-requests';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { eventually } from './audit-sinks-support/audit-collector';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { ADAPTERS } from './tenant-support/fixture-app';

const exporter = installMemoryExporter();
let issuer: IssuerFixture;
let policies: PolicyDir;
let auditDir: string;
const token: Record<string, string> = {};

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
  for (const tenant of ['acme', 'globex']) token[tenant] = await issuer.token(tenant);
});
afterAll(() => {
  issuer.remove();
  policies.remove();
});
beforeEach(() => (auditDir = mkdtempSync(join(tmpdir(), 'coresdk-audit-'))));
afterEach(() => rmSync(auditDir, { recursive: true, force: true }));

function options(audit: NonNullable<CoreSdkModuleOptions['audit']>): CoreSdkModuleOptions {
  return {
    ...authzOptions(issuer.jwksFile, policies.dir, {
      rateLimit: { limit: 1_000, ttl: '60s', storage: 'memory' },
      sdk: { serviceName: 'audit-file-fixture' },
    }),
    audit: { fileDir: auditDir, ...audit },
  };
}

function readLines(tenantFile: string): Array<Record<string, unknown>> {
  const path = join(auditDir, tenantFile);
  if (!existsSync(path)) return [];
  // Only complete lines: a poll may catch an append half-way.
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line));
}

describe.each(ADAPTERS)('JSON-lines file audit sink on %s', (adapter) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('writes one <tenant>.jsonl per tenant and _unauthenticated.jsonl for 401s', async () => {
    app = await createApp(
      adapter,
      CoreSdkModule.forRoot(options({ sinks: ['otel', 'file'], flushInterval: '50ms' })),
    );
    const base = await listen(app);
    for (let i = 0; i < 3; i += 1)
      expect((await timedGet(`${base}/plain`, token.acme)).status).toBe(200);
    expect((await timedGet(`${base}/products`, token.globex)).status).toBe(200);
    expect((await timedGet(`${base}/plain`)).status).toBe(401);
    expect((await timedGet(`${base}/plain`, 'not-a-token')).status).toBe(401);

    // Delivered by the flush interval, while the app is still running.
    await eventually(
      () =>
        readLines('acme.jsonl').length === 3 &&
        readLines('globex.jsonl').length === 1 &&
        readLines('_unauthenticated.jsonl').length === 2,
    );
    const acme = readLines('acme.jsonl');
    expect(acme.every((record) => record.tenant_id === 'acme' && record.status === 200)).toBe(true);
    expect(acme[0]).toMatchObject({
      service: 'audit-file-fixture',
      route: '/plain',
      decision: 'allow',
    });
    expect(readLines('globex.jsonl')).toEqual([
      expect.objectContaining({ tenant_id: 'globex', action: 'products:read', route: '/products' }),
    ]);
    const anonymous = readLines('_unauthenticated.jsonl');
    expect(anonymous.map((record) => record.reason).sort()).toEqual([
      'invalid_token',
      'missing_token',
    ]);
    expect(anonymous.every((record) => record.tenant_id === null)).toBe(true);
    // Nothing else in the folder; no token anywhere in the files.
    expect(readdirSync(auditDir).sort()).toEqual([
      '_unauthenticated.jsonl',
      'acme.jsonl',
      'globex.jsonl',
    ]);
    for (const file of readdirSync(auditDir)) {
      expect(readFileSync(join(auditDir, file), 'utf8')).not.toContain(token.acme.slice(0, 20));
    }
    // The file holds the lines a moment before the sink counts the write as done.
    const stats = app.get(AuditStats);
    await eventually(() => stats.delivered === 6);
    expect(stats.snapshot()).toMatchObject({ delivered: 6, dropped: 0 });
  });

  it('flushes what is still buffered on graceful shutdown', async () => {
    app = await createApp(
      adapter,
      CoreSdkModule.forRoot(options({ sinks: ['file'], flushInterval: '1h', batchSize: 1_000 })),
    );
    const base = await listen(app);
    for (let i = 0; i < 5; i += 1) await timedGet(`${base}/plain`, token.globex);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readLines('globex.jsonl')).toHaveLength(0); // still buffered: interval is 1h
    await app.close();
    app = undefined;
    expect(readLines('globex.jsonl')).toHaveLength(5);
  });

  it('leaves the span event out when "otel" is not among the sinks', async () => {
    app = await createApp(
      adapter,
      CoreSdkModule.forRoot(options({ sinks: ['file'], flushInterval: '50ms' })),
    );
    const base = await listen(app);
    exporter.reset();
    await timedGet(`${base}/plain`, token.acme);
    const requestSpans = () =>
      exporter.getFinishedSpans().filter((span) => span.name === 'coresdk GET /plain');
    await eventually(() => requestSpans().length === 1);
    const [span] = requestSpans();
    expect(auditSpans(exporter)).toHaveLength(0);
    expect(span.attributes['coresdk.tenant_id']).toBe('acme'); // tracing stays
    expect(span.events.filter((event) => event.name === 'coresdk.audit')).toHaveLength(0);
    await eventually(() => readLines('acme.jsonl').length === 1);
  });
});
