import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoredTenant, TenantDraft } from './tenant-record.interface';
import type { TenantStore } from './tenant-store.interface';
import {
  rowToTenant,
  TENANT_COLUMNS,
  TENANT_TABLE,
  tenantValues,
  type TenantRow,
} from './tenant-row';

/**
 * Tenant store in a SQLite file. Several processes may share the file: WAL mode lets
 * readers run beside the writer, and `BEGIN IMMEDIATE` serialises writers, so versions
 * are handed out in commit order.
 */
export class SqliteTenantStore implements TenantStore {
  private database: Database.Database | null = null;

  constructor(private readonly file: string) {}

  async open(): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    const database = new Database(this.file);
    database.pragma('journal_mode = WAL');
    // Another instance holding the write lock briefly is normal; wait instead of failing.
    database.pragma('busy_timeout = 5000');
    database.exec(
      `CREATE TABLE IF NOT EXISTS ${TENANT_TABLE} (
        id TEXT PRIMARY KEY,
        display_name TEXT,
        status TEXT NOT NULL,
        attributes TEXT NOT NULL,
        limits TEXT,
        policy_path TEXT,
        policy_source TEXT,
        version INTEGER NOT NULL UNIQUE,
        updated_at TEXT NOT NULL
      )`,
    );
    this.database = database;
  }

  async changesSince(version: number): Promise<StoredTenant[]> {
    const rows = this.db()
      .prepare(`SELECT * FROM ${TENANT_TABLE} WHERE version > ? ORDER BY version`)
      .all(version) as TenantRow[];
    return rows.map(rowToTenant);
  }

  async write(
    id: string,
    change: (current: StoredTenant | null) => TenantDraft,
  ): Promise<StoredTenant> {
    const database = this.db();
    const transaction = database.transaction(() => {
      const row = database.prepare(`SELECT * FROM ${TENANT_TABLE} WHERE id = ?`).get(id) as
        TenantRow | undefined;
      const draft = change(row ? rowToTenant(row) : null);
      const { next } = database
        .prepare(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM ${TENANT_TABLE}`)
        .get() as { next: number };
      const updatedAt = new Date().toISOString();
      const placeholders = TENANT_COLUMNS.map(() => '?').join(', ');
      database
        .prepare(
          `INSERT OR REPLACE INTO ${TENANT_TABLE} (${TENANT_COLUMNS.join(', ')}) VALUES (${placeholders})`,
        )
        .run(...tenantValues(draft, next, updatedAt));
      return { ...draft, version: next, updatedAt };
    });
    return transaction.immediate();
  }

  async close(): Promise<void> {
    this.database?.close();
    this.database = null;
  }

  private db(): Database.Database {
    if (!this.database) throw new Error('the SQLite tenant store is not open');
    return this.database;
  }
}
