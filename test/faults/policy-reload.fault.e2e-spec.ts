/**
 * Fault injection: a policy file is broken and then replaced while requests are being
 * decided. The broken revision is refused with positioned diagnostics and the last good
 * policy keeps deciding (no 5xx, no request without a decision); the next good revision
 * takes over without a restart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PolicyStoreHost } from '@coresdk/core-sdk/authz/policy-store.host';
import type { ReloadOutcome } from '@coresdk/core-sdk/authz/policy-reload-record';
import { createIssuer, type IssuerFixture } from '../../libs/core-sdk/test/authz-support/keys';
import { writePolicyDir, type PolicyDir } from '../../libs/core-sdk/test/authz-support/policy-dir';
import { countBy, runLoad, type LoadResponse } from '../load/support/http-load';
import {
  startReliabilityInstance,
  type ReliabilityInstance,
} from '../load/support/reliability-app';
import { reliabilityOptions } from '../load/support/reliability-options';
import { RELIABILITY_POLICIES } from '../load/support/tenant-records';

const REQUESTS = 600;
const CONCURRENCY = 8;
const BREAK_AFTER = 100;
const REPLACE_AFTER = 300;

/** A syntax error on line 4: the reload must be refused and say where. */
const BROKEN_GLOBAL = `package coresdk.authz

default allow := false
allow if { input.action == "records:read"
`;

/** The next good revision: the global module allows nothing; acme's override still allows. */
const DENY_ALL_GLOBAL = `package coresdk.authz

default allow := false
`;

let issuer: IssuerFixture;
let policies: PolicyDir;
let instance: ReliabilityInstance;
let responses: LoadResponse[];
let brokenOutcome: ReloadOutcome;
let replacedOutcome: ReloadOutcome;
/** `performance.now()` when the good revision was written, and when it was in force. */
let replacementStartedAt = Infinity;
let replacementAppliedAt = Infinity;

beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(RELIABILITY_POLICIES);
  instance = await startReliabilityInstance(
    'express',
    reliabilityOptions({
      keys: { jwksFile: issuer.jwksFile },
      policyDir: policies.dir,
      serviceName: `reload-faults-${randomUUID()}`,
      rateLimit: { limit: 100_000, ttl: '30m', storage: 'memory' },
    }),
  );
  // The reload entry point file events and polls use; called directly so the test awaits
  // each reload instead of waiting on file-system notification timing.
  const host = instance.app.get(PolicyStoreHost);
  const callers = await Promise.all(
    ['acme', 'globex'].map(async (tenant) => ({ tenant, token: await issuer.token(tenant) })),
  );
  const globalFile = join(policies.dir, 'global.rego');
  responses = await runLoad({
    urls: [instance.url],
    total: REQUESTS,
    concurrency: CONCURRENCY,
    caller: (index) => callers[index % callers.length],
    path: '/records',
    requestTimeoutMs: 5_000,
    onResponse: async (_response, completed) => {
      if (completed === BREAK_AFTER) {
        writeFileSync(globalFile, BROKEN_GLOBAL);
        brokenOutcome = await host.reload();
      }
      if (completed === REPLACE_AFTER) {
        replacementStartedAt = performance.now();
        writeFileSync(globalFile, DENY_ALL_GLOBAL);
        replacedOutcome = await host.reload();
        replacementAppliedAt = performance.now();
      }
    },
  });
}, 60_000);

afterAll(async () => {
  await instance?.app.close();
  issuer?.remove();
  policies?.remove();
});

describe('policy reload with a broken file, under load', () => {
  it('refuses the broken revision with a positioned diagnostic', () => {
    expect(brokenOutcome.outcome).toBe('rejected');
    expect(brokenOutcome.diagnostics.join('\n')).toMatch(/global\.rego:\d+:\d+: rego_parse_error/);
  });

  it('applies the next good revision without a restart', () => {
    expect(replacedOutcome.outcome).toBe('applied');
  });

  it('decided every request with a good policy: no 5xx, the old one until the new one applied', () => {
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    const acme = responses.filter((response) => response.tenant === 'acme');
    expect(acme.filter((response) => response.status !== 200)).toEqual([]);
    const globex = responses.filter((response) => response.tenant === 'globex');
    // Until the replacement (the broken file included) the last good policy allowed globex;
    // a request sent after the new revision applied is decided by it. Requests in flight
    // during the swap may see either.
    const before = globex.filter((response) => response.finishedAt < replacementStartedAt);
    const after = globex.filter((response) => response.startedAt > replacementAppliedAt);
    expect(before.length).toBeGreaterThan(BREAK_AFTER / 2);
    expect(after.length).toBeGreaterThan(100);
    expect(countBy(before, (response) => response.status)).toEqual({ 200: before.length });
    expect(countBy(after, (response) => response.status)).toEqual({ 403: after.length });
  });

  it('audited every request exactly once, with the policy decision', () => {
    expect(instance.audit.records).toHaveLength(REQUESTS);
    expect(
      countBy(instance.audit.records, (record) => `${record.tenant_id} ${record.status}`),
    ).toEqual(countBy(responses, (response) => `${response.tenant} ${response.status}`));
    expect(
      instance.audit.records.filter((record) =>
        record.status === 200 ? record.reason !== 'policy_allow' : record.reason !== 'policy_deny',
      ),
    ).toEqual([]);
  });
});
