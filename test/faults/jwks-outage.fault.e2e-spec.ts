/**
 * Fault injection: the JWKS server goes down while the identity provider rotates its keys.
 * A token with a known kid keeps working; a token with the new kid is a 401 (never a 500)
 * until the server is back, then accepted once the refetch cooldown allows; an unknown kid
 * is always a 401. Every request is audited exactly once.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePolicyDir, type PolicyDir } from '../../libs/core-sdk/test/authz-support/policy-dir';
import {
  createSigningKey,
  signToken,
  type TestSigningKey,
} from '../../libs/core-sdk/test/tenant-support/test-keys';
import { countBy, runLoad, type LoadResponse } from '../load/support/http-load';
import {
  startReliabilityInstance,
  type ReliabilityInstance,
} from '../load/support/reliability-app';
import { reliabilityOptions } from '../load/support/reliability-options';
import { RELIABILITY_POLICIES } from '../load/support/tenant-records';
import { RestartableJwksServer } from './support/restartable-jwks-server';

const COOLDOWN_MS = 1_000;
const REQUEST_BOUND_MS = 5_000;

let oldKey: TestSigningKey;
let newKey: TestSigningKey;
let strangerKey: TestSigningKey;
let policies: PolicyDir;
let jwks: RestartableJwksServer;
let instance: ReliabilityInstance;
const sent: LoadResponse[] = [];
/** When tokens with the new kid started failing over to refetches against the dead server. */
let refetchAttemptsFrom = 0;

/** A concurrent burst, each request with a fresh token (no verified-token cache hit). */
async function burst(key: TestSigningKey, count = 24): Promise<LoadResponse[]> {
  const tokens = await Promise.all(
    Array.from({ length: count }, (_, n) =>
      signToken(key, n % 2 ? 'acme' : 'globex', { claims: { jti: randomUUID() } }).then(
        (token) => ({
          tenant: n % 2 ? 'acme' : 'globex',
          token,
        }),
      ),
    ),
  );
  const responses = await runLoad({
    urls: [instance.url],
    total: count,
    concurrency: 8,
    caller: (index) => tokens[index],
    path: '/records',
    requestTimeoutMs: REQUEST_BOUND_MS,
  });
  sent.push(...responses);
  return responses;
}

const statuses = (responses: LoadResponse[]) => countBy(responses, (response) => response.status);

beforeAll(async () => {
  [oldKey, newKey, strangerKey] = await Promise.all(
    ['key-old', 'key-new', 'stranger'].map((kid) => createSigningKey(kid)),
  );
  policies = writePolicyDir(RELIABILITY_POLICIES);
  jwks = new RestartableJwksServer([oldKey.publicJwk]);
  await jwks.start();
  instance = await startReliabilityInstance(
    'express',
    reliabilityOptions({
      keys: { jwksUri: jwks.url, jwksCooldown: COOLDOWN_MS },
      policyDir: policies.dir,
      serviceName: `jwks-faults-${randomUUID()}`,
      rateLimit: { limit: 100_000, ttl: '30m', storage: 'memory' },
    }),
  );
});

afterAll(async () => {
  await instance?.app.close();
  await jwks?.stop();
  policies?.remove();
});

// The steps share one app and one JWKS server on purpose: each builds on the key cache
// state the previous one left, as a real outage does.
describe('JWKS server down while keys rotate', () => {
  it('verifies with the served key while the server is up', async () => {
    expect(statuses(await burst(oldKey))).toEqual({ 200: 24 });
  });

  it('keeps accepting the known kid while the server is down; new and unknown kids are 401, never 500', async () => {
    await jwks.stop();
    // The provider rotates while unreachable: only the new key will be served.
    jwks.keys = [newKey.publicJwk];
    await sleep(COOLDOWN_MS + 100); // let a refetch be allowed, so the outage is really hit
    expect(statuses(await burst(oldKey))).toEqual({ 200: 24 });
    refetchAttemptsFrom = Date.now();
    expect(statuses(await burst(newKey))).toEqual({ 401: 24 });
    expect(statuses(await burst(strangerKey))).toEqual({ 401: 24 });
  });

  it('accepts the new kid once the server is back and the cooldown has passed', async () => {
    await jwks.start();
    const deadline = Date.now() + COOLDOWN_MS + 10_000;
    let accepted = false;
    while (!accepted && Date.now() < deadline) {
      const [probe] = await burst(newKey, 1);
      expect([200, 401]).toContain(probe.status);
      accepted = probe.status === 200;
      if (!accepted) await sleep(100);
    }
    expect(accepted).toBe(true);
    // The refetch that found the new key waited for the cooldown after the failed attempts.
    expect(Date.now() - refetchAttemptsFrom).toBeGreaterThanOrEqual(COOLDOWN_MS);
    expect(statuses(await burst(newKey))).toEqual({ 200: 24 });
    // The old kid left the key set with the refetch: its tokens are now refused.
    expect(statuses(await burst(oldKey))).toEqual({ 401: 24 });
    expect(statuses(await burst(strangerKey))).toEqual({ 401: 24 });
  });

  it('never answered 500 and audited every request exactly once', () => {
    expect(sent.filter((response) => response.status >= 500)).toEqual([]);
    expect(instance.audit.records).toHaveLength(sent.length);
    expect(countBy(instance.audit.records, (record) => record.status)).toEqual(statuses(sent));
    for (const rejected of sent.filter((response) => response.status === 401)) {
      expect(rejected.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'invalid token',
      });
    }
  });
});
