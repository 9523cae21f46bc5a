import { Logger } from '@nestjs/common';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import {
  policyOptions,
  startPolicyApp,
  waitFor,
  type PolicyApp,
} from './policy-support/policy-fixture-app';
import { installMemoryExporter } from './support/otel-memory';

const PRODUCTS_ONLY = 'package coresdk.authz\n\nallow if input.action == "products:read"\n';
const WITH_ANALYTICS = `${PRODUCTS_ONLY}\nallow if input.action == "analytics:read"\n`;
/** Debounce (100 ms) + compile + validate, with room for a loaded machine. */
const RELOAD_WITHIN_MS = 3_000;

describe('a watched policy directory', () => {
  let exporter: InMemorySpanExporter;
  let issuer: IssuerFixture;
  let policies: PolicyDir;
  let app: PolicyApp;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    exporter = installMemoryExporter();
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    issuer = await createIssuer();
    policies = writePolicyDir({ 'global.rego': PRODUCTS_ONLY, 'tenants/acme.rego': PRODUCTS_ONLY });
    app = await startPolicyApp(policyOptions(issuer.jwksFile, { dir: policies.dir, watch: true }));
    acme = await issuer.token('acme');
    globex = await issuer.token('globex');
  });
  afterAll(async () => {
    await app?.close();
    policies?.remove();
    issuer?.remove();
    jest.restoreAllMocks();
  });

  const status = (path: string, token: string) => app.status(path, token);

  it('recompiles and swaps in an edited global.rego without a restart', async () => {
    expect(await status('/analytics', globex)).toBe(403);
    const before = app.host.current?.revision;
    writeFileSync(join(policies.dir, 'global.rego'), WITH_ANALYTICS);
    await waitFor(async () => (await status('/analytics', globex)) === 200, RELOAD_WITHIN_MS);
    expect(app.host.current?.revision).not.toBe(before);
    // acme's module is global + its override: recompiled with the new global policy too.
    expect(await status('/analytics', acme)).toBe(200);
  });

  it('picks up a changed tenant override for that tenant only', async () => {
    writeFileSync(
      join(policies.dir, 'tenants', 'acme.rego'),
      'package coresdk.authz\n\nallow if input.action == "reports:read"\n',
    );
    await waitFor(async () => (await status('/reports', acme)) === 200, RELOAD_WITHIN_MS);
    expect(await status('/reports', globex)).toBe(403);
  });

  it('keeps the last good policy when an edit does not compile, and records why', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const good = app.host.current?.revision;
    writeFileSync(join(policies.dir, 'global.rego'), 'package coresdk.authz\n\nallow if {\n');
    await waitFor(
      async () =>
        exporter
          .getFinishedSpans()
          .some((span) => span.attributes['coresdk.policy.outcome'] === 'rejected'),
      RELOAD_WITHIN_MS,
    );
    const rejected = exporter
      .getFinishedSpans()
      .find((span) => span.attributes['coresdk.policy.outcome'] === 'rejected')!;
    expect(String(rejected.attributes['coresdk.policy.error'])).toMatch(
      new RegExp(`global\\.rego:\\d+:\\d+: rego_parse_error`),
    );
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/rego_parse_error/));
    expect(app.host.current?.revision).toBe(good);
    expect(await status('/analytics', globex)).toBe(200);
    expect(await status('/products', globex)).toBe(200);

    // Fixing the file is picked up again.
    writeFileSync(join(policies.dir, 'global.rego'), PRODUCTS_ONLY);
    await waitFor(async () => (await status('/analytics', globex)) === 403, RELOAD_WITHIN_MS);
  });

  it('re-applies runtime tenant overrides on a reload', async () => {
    const applied = app.host.applyTenantPolicy('globex', {
      path: 'runtime/globex.rego',
      source: 'package coresdk.authz\n\nallow if input.action == "reports:read"\n',
    });
    expect(applied).toEqual({ ok: true, diagnostics: [] });
    expect(await status('/reports', globex)).toBe(200);
    writeFileSync(join(policies.dir, 'global.rego'), WITH_ANALYTICS);
    await waitFor(async () => (await status('/analytics', globex)) === 200, RELOAD_WITHIN_MS);
    expect(await status('/reports', globex)).toBe(200);
  });

  it('watches a tenants/ folder created after startup', async () => {
    const bare = writePolicyDir({ 'global.rego': PRODUCTS_ONLY });
    const second = await startPolicyApp(
      policyOptions(issuer.jwksFile, { dir: bare.dir, watch: true }),
    );
    try {
      expect(await second.status('/analytics', acme)).toBe(403);
      mkdirSync(join(bare.dir, 'tenants'));
      writeFileSync(join(bare.dir, 'tenants', 'acme.rego'), WITH_ANALYTICS);
      await waitFor(
        async () => (await second.status('/analytics', acme)) === 200,
        RELOAD_WITHIN_MS,
      );
      // A later edit inside the new folder is seen too.
      writeFileSync(join(bare.dir, 'tenants', 'acme.rego'), PRODUCTS_ONLY);
      await waitFor(
        async () => (await second.status('/analytics', acme)) === 403,
        RELOAD_WITHIN_MS,
      );
      expect(await second.status('/analytics', globex)).toBe(403);
    } finally {
      await second.close();
      bare.remove();
    }
  });
});
