import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import type { TenantDatabase, TenantSqlSession } from './tenant-database.interface';

export interface PostgresTenantDatabaseOptions {
  connectionString: string;
  /**
   * A role that does not own the tables and has no BYPASSRLS, assumed with `SET LOCAL ROLE`
   * in every tenant transaction so row-level security applies even when the connecting user
   * owns the schema or is a superuser.
   */
  appRole: string;
  /** Schema for the tables (`search_path`); default `public`. */
  schema?: string;
  maxConnections?: number;
  /** How long a unit of work waits for a pooled connection before failing; default 10 s. */
  connectTimeoutMs?: number;
}

const ROLE = /^[a-z_][a-z0-9_]*$/;

/**
 * PostgreSQL with row-level security as the second wall: each unit of work runs in a
 * transaction that assumes `appRole` and sets `app.tenant_id` (transaction-local), which the
 * tables' RLS policies compare against. A query that forgets the tenant filter still sees
 * only the current tenant's rows.
 */
export class PostgresTenantDatabase implements TenantDatabase {
  readonly dialect = 'postgres' as const;
  readonly pool: Pool;

  constructor(private readonly options: PostgresTenantDatabaseOptions) {
    if (!ROLE.test(options.appRole))
      throw new Error(`invalid PostgreSQL role name "${options.appRole}"`);
    if (options.schema !== undefined && !ROLE.test(options.schema)) {
      throw new Error(`invalid PostgreSQL schema name "${options.schema}"`);
    }
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle connection dropped by the server emits 'error' on the pool; unhandled, that
    // event would end the process. The pool discards the client; the next query reconnects.
    this.pool.on('error', (error) =>
      new Logger('PostgresTenantDatabase').warn(`idle connection lost: ${error.message}`),
    );
  }

  async withTenant<T>(
    tenantId: string,
    work: (session: TenantSqlSession) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let result: T;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL ROLE ${this.options.appRole}`);
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      result = await work(sessionOf(client));
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is broken: destroy it instead of pooling it.
      const rollbackFailed = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(rollbackFailed);
      throw error;
    }
    client.release();
    return result;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function sessionOf(client: PoolClient): TenantSqlSession {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, params as unknown[])).rows as Row[],
  };
}
