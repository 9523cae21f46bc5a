import type { VerifiedTenant } from '../verified-tenant.interface';

export interface CachedVerification {
  readonly tenant: VerifiedTenant;
  /** Epoch ms of the token's `exp`: the entry is dead from then on. */
  readonly expiresAtMs: number;
  /** Header values needed to check the signing key is still trusted. */
  readonly alg: string;
  readonly kid: string | undefined;
}

/**
 * Verified tokens by their exact string, least recently used evicted first. Only
 * successes are stored, and a lookup drops an entry whose token expired or whose key
 * left the key set, so a cache hit is never more permissive than verifying again.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order: re-inserting on every hit makes the first key
  // the least recently used one.
  private readonly entries = new Map<string, CachedVerification>();

  constructor(
    private readonly maxEntries: number,
    private readonly isKeyCurrent: (alg: string, kid: string | undefined) => boolean,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): VerifiedTenant | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) {
      return undefined;
    }
    this.entries.delete(token);
    if (nowMs >= entry.expiresAtMs || !this.isKeyCurrent(entry.alg, entry.kid)) {
      return undefined;
    }
    this.entries.set(token, entry);
    return entry.tenant;
  }

  set(token: string, entry: CachedVerification): void {
    if (this.maxEntries <= 0) {
      return;
    }
    this.entries.delete(token);
    this.entries.set(token, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
