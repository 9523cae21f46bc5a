import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TenantDatabase, TenantSqlSession } from './tenant-database.interface';

/**
 * Embedded SQLite. SQLite has no row-level security, so the repository's tenant filter is
 * the only wall here; use PostgreSQL for the second one.
 */
export class SqliteTenantDatabase implements TenantDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly session: TenantSqlSession;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.session = {
      query: async <Row>(sql: string, params: readonly unknown[] = []) => {
        const statement = this.db.prepare(sql);
        if (statement.reader) return statement.all(...params) as Row[];
        statement.run(...params);
        return [];
      },
    };
  }

  /** Runs schema statements (migrations) outside any tenant scope. */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  async withTenant<T>(
    _tenantId: string,
    work: (session: TenantSqlSession) => Promise<T>,
  ): Promise<T> {
    return work(this.session);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
