import { randomUUID } from 'node:crypto';
import type { CurrentTenant, TenantDatabase, TenantSqlSession } from './tenant-database.interface';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Row ids are generated here with `randomUUID()`; anything else cannot name a row. */
const ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * CRUD over one table whose rows carry a `tenant_id` column. The tenant always comes from
 * the request context, never from the caller: every query and write is filtered by it, so a
 * handler cannot forget the filter, a row of another tenant is simply not found (a 404, not a
 * 403: nothing leaks that it exists), and a `tenant_id` in the values is ignored.
 *
 * An id that is not a well-formed row id (any text from a URL) is "not found" without a
 * query, so odd input such as a NUL byte can never turn into a database error.
 */
export abstract class TenantScopedRepository<Row extends { id: string }> {
  /** Table name; a fixed identifier chosen by the subclass, never user input. */
  protected abstract readonly table: string;
  /** Writable columns besides `id` and `tenant_id`. */
  protected abstract readonly columns: readonly string[];

  constructor(
    protected readonly database: TenantDatabase,
    private readonly tenant: CurrentTenant,
  ) {}

  async findAll(): Promise<Row[]> {
    return this.run((session, tenantId) =>
      session.query<Row>(
        `SELECT ${this.selectList()} FROM ${this.tableName()} WHERE tenant_id = ${this.param(1)} ORDER BY id`,
        [tenantId],
      ),
    );
  }

  async findById(id: string): Promise<Row | null> {
    if (!isRowId(id)) return null;
    const rows = await this.run((session, tenantId) =>
      session.query<Row>(
        `SELECT ${this.selectList()} FROM ${this.tableName()} WHERE tenant_id = ${this.param(1)} AND id = ${this.param(2)}`,
        [tenantId, id],
      ),
    );
    return rows[0] ?? null;
  }

  async create(values: Partial<Omit<Row, 'id'>>): Promise<Row> {
    const columns = this.writable(values);
    const id = randomUUID();
    const names = ['id', 'tenant_id', ...columns];
    const placeholders = names.map((_, i) => this.param(i + 1));
    const rows = await this.run((session, tenantId) =>
      session.query<Row>(
        `INSERT INTO ${this.tableName()} (${names.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${this.selectList()}`,
        [id, tenantId, ...columns.map((c) => (values as Record<string, unknown>)[c])],
      ),
    );
    return rows[0];
  }

  /** Returns null when no row of the current tenant has this id. */
  async update(id: string, patch: Partial<Omit<Row, 'id'>>): Promise<Row | null> {
    if (!isRowId(id)) return null;
    const columns = this.writable(patch);
    if (columns.length === 0) return this.findById(id);
    // Parameters in the order they appear: SQLite's `?` placeholders are positional.
    const assignments = columns.map((c, i) => `${c} = ${this.param(i + 1)}`);
    const tenantParam = this.param(columns.length + 1);
    const idParam = this.param(columns.length + 2);
    const rows = await this.run((session, tenantId) =>
      session.query<Row>(
        `UPDATE ${this.tableName()} SET ${assignments.join(', ')} WHERE tenant_id = ${tenantParam} AND id = ${idParam} RETURNING ${this.selectList()}`,
        [...columns.map((c) => (patch as Record<string, unknown>)[c]), tenantId, id],
      ),
    );
    return rows[0] ?? null;
  }

  /** Returns false when no row of the current tenant has this id. */
  async remove(id: string): Promise<boolean> {
    if (!isRowId(id)) return false;
    const rows = await this.run((session, tenantId) =>
      session.query(
        `DELETE FROM ${this.tableName()} WHERE tenant_id = ${this.param(1)} AND id = ${this.param(2)} RETURNING id`,
        [tenantId, id],
      ),
    );
    return rows.length > 0;
  }

  /** Runs custom work in the current tenant's scope; the tenant id is passed for filters. */
  protected run<T>(work: (session: TenantSqlSession, tenantId: string) => Promise<T>): Promise<T> {
    const tenantId = this.tenant.tenantId;
    return this.database.withTenant(tenantId, (session) => work(session, tenantId));
  }

  protected param(position: number): string {
    return this.database.dialect === 'postgres' ? `$${position}` : '?';
  }

  private selectList(): string {
    return ['id', 'tenant_id', ...this.columns].map((c) => this.identifier(c)).join(', ');
  }

  private tableName(): string {
    return this.identifier(this.table);
  }

  /** Known columns present in `values`; `id` and `tenant_id` are never writable. */
  private writable(values: object): string[] {
    return this.columns.filter(
      (column) =>
        column !== 'tenant_id' &&
        column !== 'id' &&
        Object.prototype.hasOwnProperty.call(values, column),
    );
  }

  private identifier(name: string): string {
    if (!IDENTIFIER.test(name))
      throw new Error(`invalid SQL identifier "${name}" in ${this.constructor.name}`);
    return name;
  }
}

/** True for ids this repository could have generated (lower-case UUIDs). */
export function isRowId(id: unknown): id is string {
  return typeof id === 'string' && ROW_ID.test(id);
}
