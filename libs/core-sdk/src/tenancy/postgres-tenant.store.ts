import { Pool } from 'pg';
import type { StoredTenant, TenantDraft } from './tenant-record.interface';
import type { TenantStore } from './tenant-store.interface';
import {
  rowToTenant,
  TENANT_COLUMNS,
  TENANT_TABLE,
  tenantValues,
  type TenantRow,
} from './tenant-row';

/** Any constant shared by every instance: it names the lock that serialises writers. */
const WRITE_LOCK_KEY = 0x636f7265; // "core"

/**
 * Tenant store in PostgreSQL. Writers take a transaction-scoped advisory lock, so
 * versions are handed out in commit order; `search_path` (e.g. `?options=-c
 * search_path=tenancy` in the URL) chooses the schema.
 */
export class PostgresTenantStore implements TenantStore {
  private readonly pool: Pool;

  constructor(readonly url: string) {
    this.pool = new Pool({ connectionString: url, max: 4 });
    // An idle client losing its connection must not crash the process; the next query
    // gets a fresh one.
    this.pool.on('error', () => undefined);
  }

  async open(): Promise<void> {
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS ${TENANT_TABLE} (
        id TEXT PRIMARY KEY,
        display_name TEXT,
        status TEXT NOT NULL,
        attributes TEXT NOT NULL,
        limits TEXT,
        policy_path TEXT,
        policy_source TEXT,
        version BIGINT NOT NULL UNIQUE,
        updated_at TEXT NOT NULL
      )`,
    );
  }

  async changesSince(version: number): Promise<StoredTenant[]> {
    const { rows } = await this.pool.query<TenantRow>(
      `SELECT * FROM ${TENANT_TABLE} WHERE version > $1 ORDER BY version`,
      [version],
    );
    return rows.map(rowToTenant);
  }

  async write(
    id: string,
    change: (current: StoredTenant | null) => TenantDraft,
  ): Promise<StoredTenant> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
      const { rows } = await client.query<TenantRow>(
        `SELECT * FROM ${TENANT_TABLE} WHERE id = $1`,
        [id],
      );
      const draft = change(rows[0] ? rowToTenant(rows[0]) : null);
      const next = await client.query<{ next: string }>(
        `SELECT COALESCE(MAX(version), 0) + 1 AS next FROM ${TENANT_TABLE}`,
      );
      const version = Number(next.rows[0].next);
      const updatedAt = new Date().toISOString();
      const placeholders = TENANT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ');
      const updates = TENANT_COLUMNS.filter((column) => column !== 'id')
        .map((column) => `${column} = EXCLUDED.${column}`)
        .join(', ');
      await client.query(
        `INSERT INTO ${TENANT_TABLE} (${TENANT_COLUMNS.join(', ')}) VALUES (${placeholders})
         ON CONFLICT (id) DO UPDATE SET ${updates}`,
        tenantValues(draft, version, updatedAt),
      );
      await client.query('COMMIT');
      return { ...draft, version, updatedAt };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
