import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgresTenantDatabase, type TenantDatabase } from '@coresdk/core-sdk';
import { openSampleDatabase } from '../../apps/sample/src/database/open-sample-database';
import { ProductsRepository } from '../../apps/sample/src/products/products.repository';
import {
  createTestDatabase,
  DATABASE_KINDS,
  POSTGRES_URL,
  type TestDatabase,
} from './support/sample-databases';

/** The repository scoped to a fixed tenant, as TenantContext would scope it in a request. */
const productsOf = (database: TenantDatabase, tenantId: string) =>
  new ProductsRepository(database, { tenantId });

describe.each(DATABASE_KINDS)('ProductsRepository on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: TenantDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    database = await openSampleDatabase(testDatabase.settings);
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });

  it('migrates idempotently: opening the same database again keeps its rows', async () => {
    const kept = await productsOf(database, 'acme-corp').create({ name: 'Kept', price_cents: 1 });
    const reopened = await openSampleDatabase(testDatabase.settings);
    try {
      expect(await productsOf(reopened, 'acme-corp').findById(kept.id)).toEqual(kept);
    } finally {
      await reopened.close();
    }
  });

  it('scopes reads, updates and deletes to the current tenant', async () => {
    const acme = productsOf(database, 'acme-corp');
    const globex = productsOf(database, 'globex');
    const anvil = await acme.create({ name: 'Anvil', price_cents: 1999 });

    expect(await globex.findById(anvil.id)).toBeNull();
    expect(await globex.update(anvil.id, { name: 'Stolen' })).toBeNull();
    expect(await globex.remove(anvil.id)).toBe(false);
    expect((await globex.findAll()).map((p) => p.id)).not.toContain(anvil.id);

    expect(await acme.findById(anvil.id)).toEqual(anvil);
    expect(await acme.update(anvil.id, { price_cents: 2500 })).toEqual({
      ...anvil,
      price_cents: 2500,
    });
    expect(await acme.remove(anvil.id)).toBe(true);
    expect(await acme.findById(anvil.id)).toBeNull();
  });

  it('never writes a tenant_id or id given in the values', async () => {
    const values = { name: 'Widget', price_cents: 5, tenant_id: 'acme-corp', id: 'chosen' };
    const widget = await productsOf(database, 'globex').create(values);
    expect(widget.tenant_id).toBe('globex');
    expect(widget.id).not.toBe('chosen');
    expect(await productsOf(database, 'acme-corp').findById(widget.id)).toBeNull();

    const moved = await productsOf(database, 'globex').update(widget.id, {
      tenant_id: 'acme-corp',
      name: 'Widget 2',
    } as never);
    expect(moved).toEqual({ ...widget, name: 'Widget 2' });
  });

  it('summarises only the current tenant', async () => {
    const tenant = `summary-${kind}`;
    await productsOf(database, tenant).create({ name: 'A', price_cents: 100 });
    await productsOf(database, tenant).create({ name: 'B', price_cents: 250 });
    await productsOf(database, 'another').create({ name: 'C', price_cents: 9999 });
    expect(await productsOf(database, tenant).summary()).toEqual({
      product_count: 2,
      total_price_cents: 350,
    });
    expect(await productsOf(database, 'nobody').summary()).toEqual({
      product_count: 0,
      total_price_cents: 0,
    });
  });

  it('treats ids it could not have generated as not found, without a query error', async () => {
    const repository = productsOf(database, 'acme-corp');
    for (const id of ['', 'nope', '\u0000', "' OR 1=1 --", 'x'.repeat(5_000)]) {
      expect(await repository.findById(id)).toBeNull();
      expect(await repository.update(id, { name: 'x' })).toBeNull();
      expect(await repository.remove(id)).toBe(false);
    }
  });
});

describe('PostgreSQL row-level security (the second wall)', () => {
  let testDatabase: TestDatabase;
  let database: PostgresTenantDatabase;
  let acmeId: string;
  let globexId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
    database = (await openSampleDatabase(testDatabase.settings)) as PostgresTenantDatabase;
    acmeId = (await productsOf(database, 'acme-corp').create({ name: 'Anvil', price_cents: 1 })).id;
    globexId = (await productsOf(database, 'globex').create({ name: 'Gear', price_cents: 2 })).id;
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.dispose();
  });

  it('is a real PostgreSQL database holding both tenants', async () => {
    expect(database).toBeInstanceOf(PostgresTenantDatabase);
    const rows = await testDatabase.adminQuery<{ tenant_id: string }>(
      'SELECT tenant_id FROM products ORDER BY tenant_id',
    );
    expect(rows.map((row) => row.tenant_id)).toEqual(['acme-corp', 'globex']);
  });

  it('shows a query without any tenant filter only the current tenant rows', async () => {
    const rows = await database.withTenant('globex', (session) =>
      session.query<{ id: string; tenant_id: string }>('SELECT * FROM products'),
    );
    expect(rows.map((row) => [row.id, row.tenant_id])).toEqual([[globexId, 'globex']]);
    const counted = await database.withTenant('acme-corp', (session) =>
      session.query<{ count: string }>('SELECT COUNT(*) AS count FROM products WHERE id = $1', [
        globexId,
      ]),
    );
    expect(counted).toEqual([{ count: '0' }]);
  });

  it("refuses (WITH CHECK) an insert of an acme-corp row under globex's scope", async () => {
    await expect(
      database.withTenant('globex', (session) =>
        session.query(
          "INSERT INTO products (id, tenant_id, name, price_cents) VALUES ('00000000-0000-4000-8000-000000000001', 'acme-corp', 'Forged', 1)",
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const rows = await testDatabase.adminQuery('SELECT id FROM products WHERE name = $1', [
      'Forged',
    ]);
    expect(rows).toEqual([]);
  });

  it('refuses to move a row to another tenant and cannot touch foreign rows', async () => {
    await expect(
      database.withTenant('globex', (session) =>
        session.query("UPDATE products SET tenant_id = 'acme-corp' WHERE id = $1", [globexId]),
      ),
    ).rejects.toThrow(/row-level security/);
    const touched = await database.withTenant('globex', (session) =>
      session.query('UPDATE products SET name = $1 RETURNING id', ['Overwritten']),
    );
    expect(touched).toEqual([{ id: globexId }]);
    const deleted = await database.withTenant('globex', (session) =>
      session.query('DELETE FROM products WHERE id = $1 RETURNING id', [acmeId]),
    );
    expect(deleted).toEqual([]);
    const acmeRow = await testDatabase.adminQuery<{ name: string }>(
      'SELECT name FROM products WHERE id = $1',
      [acmeId],
    );
    expect(acmeRow).toEqual([{ name: 'Anvil' }]);
  });

  it('runs tenant work as the non-owner role, so even a superuser connection is walled', async () => {
    const [who] = await database.withTenant('globex', (session) =>
      session.query<{ role: string; tenant: string; bypass: boolean }>(
        `SELECT current_user AS role, current_setting('app.tenant_id') AS tenant,
                (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user) AS bypass`,
      ),
    );
    expect(who).toEqual({ role: 'coresdk_sample_app', tenant: 'globex', bypass: false });
  });

  it('forgets the tenant and the role when the transaction ends', async () => {
    await database.withTenant('globex', async () => undefined);
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query(
        "SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant",
      );
      expect(rows[0].role).not.toBe('coresdk_sample_app');
      expect(rows[0].tenant ?? '').toBe('');
    } finally {
      client.release();
    }
  });

  it('rolls the whole unit of work back when a statement fails', async () => {
    await expect(
      database.withTenant('globex', async (session) => {
        await session.query('UPDATE products SET price_cents = 777 WHERE id = $1', [globexId]);
        await session.query('SELECT no_such_column FROM products');
      }),
    ).rejects.toThrow();
    const [row] = await testDatabase.adminQuery<{ price_cents: number }>(
      'SELECT price_cents FROM products WHERE id = $1',
      [globexId],
    );
    expect(row.price_cents).toBe(2);
  });
});

describe('PostgreSQL connected as a plain user that owns the tables', () => {
  // Deployments rarely connect as a superuser: the owner must still be walled by RLS (FORCE)
  // and be able to assume the app role (the migration grants the membership).
  const owner = `sample_e2e_owner_${process.pid}_${randomBytes(3).toString('hex')}`;
  let admin: Client;
  let database: TenantDatabase | undefined;
  const schema = `${owner}_schema`;

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
    await admin.connect().catch((error: Error) => {
      throw new Error(`PostgreSQL does not answer at ${POSTGRES_URL}: ${error.message}`);
    });
    await admin.query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER CREATEROLE NOBYPASSRLS`);
    await admin.query(`GRANT CREATE ON DATABASE ${admin.database} TO ${owner}`);
  });

  afterAll(async () => {
    await database?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`DROP OWNED BY ${owner}`);
    await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    await admin.end();
  });

  it('migrates, assumes the app role and stays tenant-scoped', async () => {
    const url = new URL(POSTGRES_URL);
    url.username = owner;
    url.password = '';
    database = await openSampleDatabase({ url: url.toString(), schema });
    const anvil = await productsOf(database, 'acme-corp').create({ name: 'Anvil', price_cents: 1 });
    await productsOf(database, 'globex').create({ name: 'Gear', price_cents: 2 });
    const seen = await database.withTenant('acme-corp', (session) =>
      session.query<{ id: string; who: string }>('SELECT id, current_user AS who FROM products'),
    );
    expect(seen).toEqual([{ id: anvil.id, who: 'coresdk_sample_app' }]);
  });
});
