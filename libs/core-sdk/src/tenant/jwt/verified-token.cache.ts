import type { VerifiedTenant } from '../verified-tenant.interface';

export interface CachedVerification {
  readonly tenant: VerifiedTenant;
  /** Epoch ms of the token's `exp`: the entry is dead from then on. */
  readonly expiresAtMs: number;
  /** Header values needed to check the signing key is still trusted. */
  readonly alg: string;
  readonly kid: string | undefined;
}

/** A cached verification plus where it stands in the recency order. */
interface CacheSlot extends CachedVerification {
  /** The whole token: a hit must be this exact string, not only the same key. */
  readonly token: string;
  /** Value of the insertion clock when the slot was last (re)inserted. */
  sequence: number;
}

/**
 * Characters from the end of the token (its signature) that key the map. Hashing a whole
 * token (hundreds of characters, a new string on every request) cost ~1 µs per lookup;
 * the key is hashed instead and the whole token compared once, which is far cheaper. Two
 * tokens sharing the key simply take turns in one entry: a hit still needs the exact token.
 */
const KEY_LENGTH = 32;

function keyOf(token: string): string {
  return token.length <= KEY_LENGTH ? token : token.slice(-KEY_LENGTH);
}

/**
 * Verified tokens by their exact string, least recently used evicted first. Only
 * successes are stored, and a lookup drops an entry whose token expired or whose key
 * left the key set, so a cache hit is never more permissive than verifying again.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order, so re-inserting an entry makes it the most recent.
  // Re-inserting on every hit costs a delete plus an insert (and rehashes the long token)
  // per request; instead a hit re-inserts only an entry in the older half of the order,
  // the half eviction reaches first. A hot token therefore stays put, and an entry used
  // since the newest half began is never the one evicted.
  private readonly entries = new Map<string, CacheSlot>();
  /** Counts insertions; an entry's age is how many insertions came after it. */
  private insertions = 0;
  private readonly touchAge: number;

  constructor(
    private readonly maxEntries: number,
    private readonly isKeyCurrent: (alg: string, kid: string | undefined) => boolean,
  ) {
    this.touchAge = Math.floor(maxEntries / 2);
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): VerifiedTenant | undefined {
    const key = keyOf(token);
    const slot = this.entries.get(key);
    if (slot === undefined || slot.token !== token) {
      return undefined;
    }
    if (nowMs >= slot.expiresAtMs || !this.isKeyCurrent(slot.alg, slot.kid)) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.insertions - slot.sequence >= this.touchAge) {
      this.entries.delete(key);
      this.insert(key, slot);
    }
    return slot.tenant;
  }

  set(token: string, entry: CachedVerification): void {
    if (this.maxEntries <= 0) {
      return;
    }
    const key = keyOf(token);
    this.entries.delete(key);
    this.insert(key, {
      token,
      tenant: entry.tenant,
      expiresAtMs: entry.expiresAtMs,
      alg: entry.alg,
      kid: entry.kid,
      sequence: 0,
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  private insert(key: string, slot: CacheSlot): void {
    this.insertions += 1;
    slot.sequence = this.insertions;
    this.entries.set(key, slot);
  }
}
