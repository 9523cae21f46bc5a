import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CoreSdkModule, type FailMode } from '../src';
import { createApp } from './authz-support/authz-fixture-app';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { ADAPTERS } from './tenant-support/fixture-app';

const exporter = installMemoryExporter();
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

/** The single audit span of the last request, once the response has finished. */
async function lastAuditSpan() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const spans = auditSpans(exporter);
  expect(spans).toHaveLength(1);
  return spans[0];
}

const cases: Array<[FailMode, number]> = [
  ['closed', 403],
  ['open', 200],
];

describe.each(ADAPTERS)('fail_mode on %s', (adapter) => {
  describe.each(cases)('fail_mode = %s', (failMode, trapStatus) => {
    let app: INestApplication;

    beforeAll(async () => {
      const options = authzOptions(issuer.jwksFile, policies.dir, { sdk: { failMode } });
      app = await createApp(adapter, CoreSdkModule.forRoot(options));
    });
    afterAll(async () => {
      await app?.close();
    });
    beforeEach(() => exporter.reset());

    const get = async (path: string, tenant = 'acme') =>
      request(app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${await issuer.token(tenant)}`);

    it(`answers ${trapStatus} when the policy traps, audited as fail_mode_applied`, async () => {
      const response = await get('/trap');
      expect(response.status).toBe(trapStatus);
      if (failMode === 'open') expect(response.body).toEqual({ reached: true });
      else expect(response.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });

      const span = await lastAuditSpan();
      expect(span.attributes).toMatchObject({
        'coresdk.tenant_id': 'acme',
        'coresdk.action': 'engine:trap',
        'coresdk.decision': failMode === 'open' ? 'allow' : 'deny',
        'coresdk.policy': 'tenant:acme',
        'coresdk.fail_mode_applied': true,
        'coresdk.reason': 'fail_mode_applied:evaluation_error',
        'http.response.status_code': trapStatus,
      });
    });

    it('decides by policy again right after a trap (a fresh instance)', async () => {
      expect((await get('/trap', 'globex')).status).toBe(trapStatus);
      exporter.reset();
      expect((await get('/analytics', 'globex')).status).toBe(403);
      expect((await get('/analytics', 'acme')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const flags = auditSpans(exporter).map((s) => s.attributes['coresdk.fail_mode_applied']);
      expect(flags).toEqual([false, false]);
    });

    it('never applies to a policy that decided: a deny stays a deny', async () => {
      expect((await get('/analytics', 'hooli')).status).toBe(403);
      const span = await lastAuditSpan();
      expect(span.attributes).toMatchObject({
        'coresdk.decision': 'deny',
        'coresdk.fail_mode_applied': false,
      });
    });

    it('never applies to authentication: a bad token is always 401', async () => {
      const response = await request(app.getHttpServer())
        .get('/trap')
        .set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.e30.');
      expect(response.status).toBe(401);
      const span = await lastAuditSpan();
      expect(span.attributes).toMatchObject({
        'coresdk.decision': 'deny',
        'coresdk.fail_mode_applied': false,
        'http.response.status_code': 401,
      });
    });
  });
});
