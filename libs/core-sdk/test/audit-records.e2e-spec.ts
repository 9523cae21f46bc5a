import type { INestApplication } from '@nestjs/common';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { CoreSdkModule } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { ADAPTERS } from './tenant-support/fixture-app';

const exporter = installMemoryExporter();
const RATE_LIMIT = 20;
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

/** Audit spans once every response has finished (records are written on `finish`). */
async function settledAuditSpans(expected: number): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 2_000;
  while (auditSpans(exporter).length < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Give a duplicate record the chance to show up before counting.
  await new Promise((resolve) => setTimeout(resolve, 30));
  return auditSpans(exporter);
}

function auditEvent(span: ReadableSpan) {
  const events = span.events.filter((event) => event.name === 'coresdk.audit');
  expect(events).toHaveLength(1);
  return events[0].attributes ?? {};
}

describe.each(ADAPTERS)('audit records on %s', (adapter) => {
  let app: INestApplication;

  beforeAll(async () => {
    const options = authzOptions(issuer.jwksFile, policies.dir, {
      rateLimit: { limit: RATE_LIMIT, ttl: '60s', storage: 'memory' },
      sdk: { serviceName: 'audit-fixture' },
    });
    app = await createApp(adapter, CoreSdkModule.forRoot(options));
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => exporter.reset());

  const server = () => app.getHttpServer();

  it('records an allowed request with its tenant, action, policy and user', async () => {
    const token = await issuer.token('acme', { sub: 'alice' });
    await request(server()).get('/analytics').set('Authorization', `Bearer ${token}`).expect(200);

    const [span] = await settledAuditSpans(1);
    expect(span.attributes).toEqual({
      'http.request.method': 'GET',
      'coresdk.tenant_id': 'acme',
      'coresdk.action': 'analytics:read',
      'coresdk.decision': 'allow',
      'coresdk.reason': 'policy_allow',
      'coresdk.policy': 'tenant:acme',
      'coresdk.fail_mode_applied': false,
      'enduser.id': 'alice',
      'http.route': '/analytics',
      'http.response.status_code': 200,
      'service.name': 'audit-fixture',
    });
    expect(auditEvent(span)).toMatchObject({
      service: 'audit-fixture',
      tenant_id: 'acme',
      subject: 'alice',
      action: 'analytics:read',
      decision: 'allow',
      reason: 'policy_allow',
      policy: 'tenant:acme',
      fail_mode_applied: false,
      status: 200,
      method: 'GET',
      route: '/analytics',
    });
    expect(auditEvent(span).duration_ms).toEqual(expect.any(Number));
  });

  it('records a policy deny with the module that decided and the route template', async () => {
    const token = await issuer.token('globex', { sub: 'bob' });
    await request(server())
      .get('/documents/someone-else')
      .set('Authorization', `Bearer ${token}`)
      .expect(403);

    const [span] = await settledAuditSpans(1);
    expect(span.attributes).toMatchObject({
      'coresdk.tenant_id': 'globex',
      'coresdk.action': 'documents:read',
      'coresdk.decision': 'deny',
      'coresdk.reason': 'policy_deny',
      'coresdk.policy': 'global',
      'coresdk.fail_mode_applied': false,
      'enduser.id': 'bob',
      'http.route': '/documents/:owner',
      'http.response.status_code': 403,
    });
    expect(auditEvent(span)).toMatchObject({ decision: 'deny', status: 403, policy: 'global' });
  });

  it.each([
    ['no token', undefined, 'missing_token'],
    ['a forged token', 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 'invalid_token'],
  ])('records a 401 for %s, without tenant or user', async (_name, header, reason) => {
    const call = request(server()).get('/analytics');
    await (header ? call.set('Authorization', header) : call).expect(401);

    const [span] = await settledAuditSpans(1);
    expect(span.attributes).toMatchObject({
      'coresdk.decision': 'deny',
      'coresdk.reason': reason,
      'coresdk.fail_mode_applied': false,
      'http.route': '/analytics',
      'http.response.status_code': 401,
    });
    for (const absent of ['coresdk.tenant_id', 'enduser.id', 'coresdk.action', 'coresdk.policy']) {
      expect(span.attributes).not.toHaveProperty(absent);
    }
  });

  it('records a route without @Authorize as served, with no action or policy', async () => {
    const token = await issuer.token('hooli');
    await request(server()).get('/plain').set('Authorization', `Bearer ${token}`).expect(200);
    const [span] = await settledAuditSpans(1);
    expect(span.attributes).toMatchObject({
      'coresdk.tenant_id': 'hooli',
      'coresdk.decision': 'allow',
      'http.route': '/plain',
      'http.response.status_code': 200,
    });
    expect(span.attributes).not.toHaveProperty('coresdk.action');
    expect(span.attributes).not.toHaveProperty('coresdk.policy');
  });

  it('records a request that matched no route under its own path, without the query', async () => {
    const token = await issuer.token('acme');
    await request(server())
      .get('/no/such/route?token=abc')
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    const [span] = await settledAuditSpans(1);
    expect(span.attributes).toMatchObject({
      'coresdk.decision': 'deny',
      'coresdk.reason': 'not_found',
      'http.route': '/no/such/route',
      'http.response.status_code': 404,
    });
  });

  it('writes exactly one record per request under concurrency, never a token', async () => {
    const tokens = await Promise.all(['acme', 'globex', 'hooli'].map((t) => issuer.token(t)));
    const calls = [
      ...tokens.map((token) => ['/analytics', `Bearer ${token}`]),
      ...tokens.map((token) => ['/products', `Bearer ${token}`]),
      ['/analytics', undefined],
      ['/analytics', `Bearer ${tokens[0]}x`],
      ['/health', undefined],
    ] as const;
    await Promise.all(
      calls.map(([path, header]) => {
        const call = request(server()).get(path);
        return header ? call.set('Authorization', header) : call;
      }),
    );

    const spans = await settledAuditSpans(calls.length);
    expect(spans).toHaveLength(calls.length);
    expect(new Set(spans.map((s) => s.spanContext().spanId)).size).toBe(calls.length);
    const statuses = spans.map((s) => s.attributes['http.response.status_code']).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 401, 401, 403, 403]);

    const everything = JSON.stringify(
      exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events]),
    );
    for (const token of tokens) {
      for (const part of token.split('.')) expect(everything).not.toContain(part);
    }
    expect(everything.toLowerCase()).not.toContain('bearer');
  });

  // Last: it spends the rest of this app's rate-limit window.
  it('records a 429 as a deny with reason rate_limited', async () => {
    const token = await issuer.token('acme', { sub: 'carol' });
    const responses = await Promise.all(
      Array.from({ length: RATE_LIMIT + 5 }, () =>
        request(server()).get('/products').set('Authorization', `Bearer ${token}`),
      ),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);

    const spans = await settledAuditSpans(responses.length);
    expect(spans).toHaveLength(responses.length);
    const limitedSpans = spans.filter((s) => s.attributes['http.response.status_code'] === 429);
    expect(limitedSpans).toHaveLength(limited.length);
    for (const span of limitedSpans) {
      expect(span.attributes).toMatchObject({
        'coresdk.tenant_id': 'acme',
        'enduser.id': 'carol',
        'coresdk.decision': 'deny',
        'coresdk.reason': 'rate_limited',
        'coresdk.fail_mode_applied': false,
        'http.route': '/products',
      });
      // The rate limit runs before the policy: no module decided.
      expect(span.attributes).not.toHaveProperty('coresdk.policy');
      expect(auditEvent(span)).toMatchObject({ decision: 'deny', status: 429 });
    }
  });
});
