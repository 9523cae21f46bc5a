/** One statement runner inside a tenant's scope. */
export interface TenantSqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * A database that can run work scoped to one tenant. Implementations may add a second wall
 * below the repository filter (PostgreSQL: row-level security keyed on the transaction's
 * `app.tenant_id`, under a role that does not own the tables).
 */
export interface TenantDatabase {
  readonly dialect: SqlDialect;
  withTenant<T>(tenantId: string, work: (session: TenantSqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Anything that knows the current request's verified tenant (e.g. `TenantContext`). */
export interface CurrentTenant {
  readonly tenantId: string;
}
