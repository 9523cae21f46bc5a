import type { TenantSlot } from './tenant-slot';

/** Counters of the loaded-tenant cache since the store was created. */
export interface LoadedTenantStats {
  /** Tenants whose instance slot is held now (at most `capacity`). */
  loaded: number;
  capacity: number;
  /** Requests that found their tenant's slot in the cache. */
  hits: number;
  /** Requests that had to create a slot (first request, after an eviction or a swap). */
  misses: number;
  /** Slots dropped because the cache was full. */
  evictions: number;
}

/**
 * The tenant slots the store keeps, bounded by a least-recently-used cap: each loaded
 * opa-wasm instance costs ~235 KiB RSS and a large reservation of address space, so
 * 10,000 loaded tenants do not fit one process. Evicting only drops this reference: a
 * request already evaluating on the slot keeps it, and the tenant's next request builds
 * a fresh slot from what the store remembers (module, runtime override, data).
 */
export class LoadedTenantCache {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently
  // used tenant first, so eviction is O(1) without a linked list of our own.
  private readonly slots = new Map<string, TenantSlot>();
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(
        `max loaded tenants must be a whole number of 1 or more, got ${String(capacity)}`,
      );
  }

  /** The tenant's slot, marked most recently used; `create` builds it on a miss. */
  take(tenantId: string, create: () => TenantSlot): TenantSlot {
    const cached = this.slots.get(tenantId);
    if (cached) {
      this.hits++;
      this.slots.delete(tenantId);
      this.slots.set(tenantId, cached);
      return cached;
    }
    this.misses++;
    const slot = create();
    this.slots.set(tenantId, slot);
    while (this.slots.size > this.capacity) {
      const oldest = this.slots.keys().next().value as string;
      this.slots.delete(oldest);
      this.evictions++;
    }
    return slot;
  }

  /** Drops the tenant's slot (its module or data changed): the next request builds a new one. */
  forget(tenantId: string): void {
    this.slots.delete(tenantId);
  }

  /** Drops the slot only if it is still this one: a newer slot swapped in meanwhile stays. */
  forgetIfCurrent(tenantId: string, slot: TenantSlot): void {
    if (this.slots.get(tenantId) === slot) this.slots.delete(tenantId);
  }

  /** Drops every slot (a new revision was installed). Counters are kept. */
  clear(): void {
    this.slots.clear();
  }

  /** Tenant ids currently loaded, least recently used first. */
  loadedTenants(): string[] {
    return [...this.slots.keys()];
  }

  stats(): LoadedTenantStats {
    return {
      loaded: this.slots.size,
      capacity: this.capacity,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }
}
