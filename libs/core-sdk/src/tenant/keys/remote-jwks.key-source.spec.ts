import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JwksTestServer } from '../../../test/tenant-support/jwks-server';
import { createSigningKey, type TestSigningKey } from '../../../test/tenant-support/test-keys';
import { KeyNotFoundError } from './jwt-key-source.interface';
import { RemoteJwksKeySource } from './remote-jwks.key-source';

describe('RemoteJwksKeySource', () => {
  let jwks: JwksTestServer;
  let first: TestSigningKey;
  let second: TestSigningKey;
  let clock: number;

  const source = (overrides: { cooldownMs?: number; cacheMaxAgeMs?: number } = {}) =>
    new RemoteJwksKeySource(new URL(jwks.url), {
      cooldownMs: 1_000,
      cacheMaxAgeMs: 60_000,
      timeoutMs: 500,
      now: () => clock,
      ...overrides,
    });
  const header = (key: TestSigningKey, kid = key.kid) => ({ alg: key.alg, kid });
  const unknownKid = (key: TestSigningKey) => header(key, randomUUID());

  beforeAll(async () => {
    Logger.overrideLogger(false); // fetch failures are expected here
    [first, second] = await Promise.all([createSigningKey('k1'), createSigningKey('k2')]);
  });

  beforeEach(async () => {
    clock = 1_000_000;
    jwks = await JwksTestServer.start([first.publicJwk]);
  });

  afterEach(() => jwks.stop());

  it('fetches lazily, once, and resolves known kids from memory', async () => {
    const keys = source();
    expect(jwks.hits).toBe(0);
    await keys.resolveKey(header(first));
    await keys.resolveKey(header(first));
    expect(jwks.hits).toBe(1);
    expect(keys.isKeyCurrent('k1')).toBe(true);
    expect(keys.isKeyCurrent(undefined)).toBe(false);
  });

  it('shares one request between concurrent callers with unknown kids', async () => {
    const keys = source();
    await keys.resolveKey(header(first));
    clock += 1_000;
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () => keys.resolveKey(unknownKid(first))),
    );
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(jwks.hits).toBe(2);
  });

  it('does not refetch within the cooldown, then picks up a rotated key after it', async () => {
    const keys = source();
    await keys.resolveKey(header(first));
    jwks.keys = [second.publicJwk];
    clock += 999;
    await expect(keys.resolveKey(header(second))).rejects.toEqual(
      new KeyNotFoundError('unknown-kid'),
    );
    expect(jwks.hits).toBe(1);
    clock += 1;
    await expect(keys.resolveKey(header(second))).resolves.toBeDefined();
    expect(jwks.hits).toBe(2);
    expect(keys.isKeyCurrent('k1')).toBe(false);
  });

  it.each(['failing', 'hanging'] as const)(
    'keeps the cached keys when a refetch fails (%s server)',
    async (mode) => {
      const keys = source();
      await keys.resolveKey(header(first));
      jwks.mode = mode;
      clock += 1_000;
      await expect(keys.resolveKey(unknownKid(first))).rejects.toBeInstanceOf(KeyNotFoundError);
      await expect(keys.resolveKey(header(first))).resolves.toBeDefined();
      expect(keys.isKeyCurrent('k1')).toBe(true);
    },
  );

  it.each([
    ['not JSON', 'hello'],
    ['not a key set', '{"kids":[]}'],
    ['too large', JSON.stringify({ keys: [], padding: 'x'.repeat(600 * 1024) })],
  ])('keeps the cached keys when the response is %s', async (_label, body) => {
    const keys = source();
    await keys.resolveKey(header(first));
    jwks.rawBody = body;
    clock += 1_000;
    await expect(keys.resolveKey(unknownKid(first))).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(jwks.hits).toBe(2);
    await expect(keys.resolveKey(header(first))).resolves.toBeDefined();
  });

  it('recovers after a failed first fetch once the cooldown has passed', async () => {
    jwks.mode = 'failing';
    const keys = source();
    await expect(keys.resolveKey(header(first))).rejects.toEqual(
      new KeyNotFoundError('unavailable'),
    );
    jwks.mode = 'up';
    await expect(keys.resolveKey(header(first))).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(jwks.hits).toBe(1);
    clock += 1_000;
    await expect(keys.resolveKey(header(first))).resolves.toBeDefined();
    expect(jwks.hits).toBe(2);
  });

  it('refreshes stale keys in the background while still serving them', async () => {
    const keys = source({ cacheMaxAgeMs: 5_000 });
    await keys.resolveKey(header(first));
    jwks.keys = [first.publicJwk, second.publicJwk];
    clock += 5_000;
    await expect(keys.resolveKey(header(first))).resolves.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jwks.hits).toBe(2);
    expect(keys.isKeyCurrent('k2')).toBe(true);
  });

  it('ignores symmetric and private keys in the published set', async () => {
    jwks.keys = [
      { kty: 'oct', kid: 'k1', k: 'c2VjcmV0' },
      { ...first.publicJwk, kid: 'private', d: 'AAAA' },
      second.publicJwk,
    ];
    const keys = source();
    await keys.resolveKey(header(second));
    expect(keys.isKeyCurrent('k1')).toBe(false);
    expect(keys.isKeyCurrent('private')).toBe(false);
  });
});
