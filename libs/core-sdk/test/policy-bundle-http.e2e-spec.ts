import { Logger } from '@nestjs/common';
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import {
  buildTestBundle,
  createBundleKeys,
  tamperBundle,
  type BundleKeys,
} from './policy-support/bundle-fixtures';
import { BundleServer } from './policy-support/bundle-server';
import {
  policyOptions,
  startPolicyApp,
  waitFor,
  type PolicyApp,
} from './policy-support/policy-fixture-app';
import { installMemoryExporter } from './support/otel-memory';

const POLL_INTERVAL_MS = 300;
/** Scheduling, the download, verification and the swap: what "within one interval" allows on top. */
const MARGIN_MS = 500;

const REVISION_1 = `package coresdk.authz

allow if input.action == "products:read"
`;
/** Revision 2 adds analytics for everyone and reports for the pro plan (data.tenants). */
const REVISION_2 = `${REVISION_1}
allow if input.action == "analytics:read"

allow if {
	input.action == "reports:read"
	data.tenants[input.tenant_id].plan == "pro"
}
`;

function reloadSpans(exporter: InMemorySpanExporter, outcome: string): ReadableSpan[] {
  return exporter
    .getFinishedSpans()
    .filter(
      (span) =>
        span.name === 'coresdk.policy.reload' &&
        span.attributes['coresdk.policy.outcome'] === outcome,
    );
}

describe('policies from an HTTP bundle server, polled by two app instances', () => {
  let exporter: InMemorySpanExporter;
  let issuer: IssuerFixture;
  let keys: BundleKeys;
  let keyDir: string;
  let server: BundleServer;
  let apps: PolicyApp[] = [];
  let tokens: Record<string, string>;

  beforeAll(async () => {
    exporter = installMemoryExporter();
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    issuer = await createIssuer();
    keys = createBundleKeys();
    keyDir = mkdtempSync(join(tmpdir(), 'coresdk-bundle-key-'));
    writeFileSync(join(keyDir, 'bundle.pub.pem'), keys.publicKey);
    server = await BundleServer.start();
    server.publish(
      await buildTestBundle({ global: REVISION_1, revision: 'r1', signingKey: keys.privateKey }),
    );
    const options = policyOptions(issuer.jwksFile, {
      bundleUrl: server.url,
      pollInterval: POLL_INTERVAL_MS,
      verificationKeyFile: join(keyDir, 'bundle.pub.pem'),
    });
    apps = [await startPolicyApp(options), await startPolicyApp(options)];
    tokens = { acme: await issuer.token('acme'), globex: await issuer.token('globex') };
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await server?.close();
    issuer?.remove();
    rmSync(keyDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('starts both instances on the served revision', async () => {
    expect(apps[0].url).not.toBe(apps[1].url);
    for (const app of apps) {
      expect(app.host.current?.revision).toBe('r1');
      expect(await app.status('/products', tokens.acme)).toBe(200);
      expect(await app.status('/analytics', tokens.acme)).toBe(403);
    }
  });

  it('polls with If-None-Match and gets 304 while nothing changes', async () => {
    const before = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 2 + 100));
    const polls = server.requests.slice(before);
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.every((poll) => poll.status === 304 && poll.ifNoneMatch !== null)).toBe(true);
  });

  it('both instances decide with a new signed revision within one polling interval', async () => {
    server.publish(
      await buildTestBundle({
        global: REVISION_2,
        revision: 'r2',
        signingKey: keys.privateKey,
        data: { tenants: { globex: { plan: 'pro' } } },
      }),
    );
    const elapsed = await Promise.all(
      apps.map((app) =>
        waitFor(
          async () => (await app.status('/analytics', tokens.acme)) === 200,
          POLL_INTERVAL_MS + MARGIN_MS,
        ),
      ),
    );
    expect(Math.max(...elapsed)).toBeLessThanOrEqual(POLL_INTERVAL_MS + MARGIN_MS);
    for (const app of apps) {
      expect(app.host.current?.revision).toBe('r2');
      // [[tenants]] attributes win over the bundle's data.tenants: globex stays on "free".
      expect(await app.status('/reports', tokens.acme)).toBe(200);
      expect(await app.status('/reports', tokens.globex)).toBe(403);
    }
    expect(
      reloadSpans(exporter, 'applied').filter(
        (s) => s.attributes['coresdk.policy.revision'] === 'r2',
      ),
    ).toHaveLength(2);
  });

  it('both instances refuse a tampered revision, record it, and keep the last good one', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const signed = await buildTestBundle({
      global: REVISION_2,
      revision: 'r3',
      signingKey: keys.privateKey,
    });
    server.publish(tamperBundle(signed));
    await waitFor(
      async () => reloadSpans(exporter, 'rejected').length >= 2,
      POLL_INTERVAL_MS + MARGIN_MS,
    );
    // Two more intervals: the refused revision is not swapped in later either.
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 2));

    const rejected = reloadSpans(exporter, 'rejected');
    expect(rejected).toHaveLength(2); // one per instance: the ETag stops a re-download
    for (const span of rejected) {
      expect(span.attributes['coresdk.policy.error']).toMatch(/policy\.wasm: digest mismatch/);
      const event = span.events.find((e) => e.name === 'coresdk.policy.diagnostics');
      expect(event?.attributes?.['coresdk.policy.diagnostics']).toEqual([
        expect.stringContaining('digest mismatch'),
      ]);
    }
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('the last good policy stays in force'),
    );
    for (const app of apps) {
      expect(app.host.current?.revision).toBe('r2');
      // The tampered module allows everything; the instances still deny with r2.
      expect(await app.status('/reports', tokens.globex)).toBe(403);
    }
  });

  it('an unsigned revision is refused too, and a later signed one is applied', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    server.publish(
      await buildTestBundle({ global: 'package coresdk.authz\n\nallow := true\n', revision: 'r4' }),
    );
    await waitFor(
      async () =>
        reloadSpans(exporter, 'rejected').some((s) =>
          /not signed/.test(String(s.attributes['coresdk.policy.error'])),
        ),
      POLL_INTERVAL_MS + MARGIN_MS,
    );
    server.publish(
      await buildTestBundle({ global: REVISION_1, revision: 'r5', signingKey: keys.privateKey }),
    );
    await Promise.all(
      apps.map((app) =>
        waitFor(
          async () => (await app.status('/analytics', tokens.acme)) === 403,
          POLL_INTERVAL_MS + MARGIN_MS,
        ),
      ),
    );
    for (const app of apps) expect(app.host.current?.revision).toBe('r5');
  });
});
