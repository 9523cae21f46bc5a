import type { StoredTenant, TenantDraft } from './tenant-record.interface';

/**
 * Persistence of provisioned tenants. Writes are serialised store-wide, so `version`
 * increases in commit order and "every row with a version above N" is a complete catch-up.
 */
export interface TenantStore {
  /** Creates the table if needed. */
  open(): Promise<void>;
  /** Every row written after `version`, in version order. */
  changesSince(version: number): Promise<StoredTenant[]>;
  /**
   * Reads the current row of `id` and writes what `change` returns, in one transaction.
   * `change` may throw to abort without writing.
   */
  write(id: string, change: (current: StoredTenant | null) => TenantDraft): Promise<StoredTenant>;
  close(): Promise<void>;
}
