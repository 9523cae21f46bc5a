import type { VerifiedTenant } from '../verified-tenant.interface';
import { VerifiedTokenCache, type CachedVerification } from './verified-token.cache';

const tenant = (tenantId: string): VerifiedTenant => ({ tenantId, subject: null, claims: {} });
const entry = (tenantId: string, kid = 'k1', expiresAtMs = 10_000): CachedVerification => ({
  tenant: tenant(tenantId),
  expiresAtMs,
  alg: 'RS256',
  kid,
});

describe('VerifiedTokenCache', () => {
  it('answers only the exact token, even for tokens that end alike', () => {
    const signature = 'S'.repeat(64);
    const acmeToken = `header.acme-payload.${signature}`;
    const forged = `header.globex-payload.${signature}`;
    const cache = new VerifiedTokenCache(10, () => true);
    cache.set(acmeToken, entry('acme'));
    expect(cache.get(forged, 0)).toBeUndefined();
    expect(cache.get(acmeToken, 0)?.tenantId).toBe('acme');
    // A second verified token with the same ending takes the entry over; both stay exact.
    cache.set(forged, entry('globex'));
    expect(cache.get(forged, 0)?.tenantId).toBe('globex');
    expect(cache.get(acmeToken, 0)).toBeUndefined();
  });

  it('returns an entry until its token expires', () => {
    const cache = new VerifiedTokenCache(10, () => true);
    cache.set('t', entry('acme', 'k1', 1_000));
    expect(cache.get('t', 999)?.tenantId).toBe('acme');
    expect(cache.get('t', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops an entry whose key is no longer current', () => {
    const currentKids = new Set(['k1', 'k2']);
    const cache = new VerifiedTokenCache(10, (_alg, kid) => currentKids.has(kid!));
    cache.set('a', entry('acme', 'k1'));
    cache.set('b', entry('globex', 'k2'));
    currentKids.delete('k1');
    expect(cache.get('a', 0)).toBeUndefined();
    expect(cache.get('b', 0)?.tenantId).toBe('globex');
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new VerifiedTokenCache(2, () => true);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.get('a', 0); // a is now more recent than b
    cache.set('c', entry('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)?.tenantId).toBe('a');
    expect(cache.get('c', 0)?.tenantId).toBe('c');
  });

  it('keeps an entry hit in every window of insertions, touching it only when it ages', () => {
    const cache = new VerifiedTokenCache(4, () => true);
    cache.set('hot', entry('hot'));
    for (let i = 0; i < 50; i += 1) {
      cache.set(`cold-${i}`, entry('cold'));
      expect(cache.get('hot', 0)?.tenantId).toBe('hot');
    }
    expect(cache.size).toBe(4);
    // The three newest cold entries remain beside it; older ones were evicted.
    expect(cache.get('cold-49', 0)?.tenantId).toBe('cold');
    expect(cache.get('cold-46', 0)).toBeUndefined();
  });

  it('never returns an entry past its expiry even when it was not re-inserted', () => {
    const cache = new VerifiedTokenCache(100, () => true);
    cache.set('t', entry('acme', 'k1', 500));
    expect(cache.get('t', 499)?.tenantId).toBe('acme');
    expect(cache.get('t', 500)).toBeUndefined();
  });

  it('keys by the exact token string', () => {
    const cache = new VerifiedTokenCache(10, () => true);
    cache.set('abc', entry('acme'));
    expect(cache.get('abc ', 0)).toBeUndefined();
    expect(cache.get('ABC', 0)).toBeUndefined();
  });

  it('stores nothing when disabled', () => {
    const cache = new VerifiedTokenCache(0, () => true);
    cache.set('a', entry('a'));
    expect(cache.size).toBe(0);
  });
});
