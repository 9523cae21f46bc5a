import { SqliteTenantDatabase } from './sqlite-tenant.database';
import type { CurrentTenant, TenantDatabase } from './tenant-database.interface';
import { isRowId, TenantScopedRepository } from './tenant-scoped.repository';

interface Note {
  id: string;
  tenant_id: string;
  title: string;
  body: string;
  stars: number;
}

class NotesRepository extends TenantScopedRepository<Note> {
  protected readonly table = 'notes';
  protected readonly columns = ['title', 'body', 'stars'] as const;
}

class BadTableRepository extends TenantScopedRepository<Note> {
  protected readonly table = 'notes; DROP TABLE notes';
  protected readonly columns = ['title'] as const;
}

/** A tenant holder the test can switch, as requests of different tenants would. */
class SwitchableTenant implements CurrentTenant {
  constructor(public tenantId: string) {}
}

describe('TenantScopedRepository (on SQLite)', () => {
  let database: SqliteTenantDatabase;
  let tenant: SwitchableTenant;
  let notes: NotesRepository;

  beforeEach(() => {
    database = new SqliteTenantDatabase(':memory:');
    database.exec(`CREATE TABLE notes (
      id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, title TEXT NOT NULL,
      body TEXT NOT NULL DEFAULT '', stars INTEGER NOT NULL DEFAULT 0)`);
    tenant = new SwitchableTenant('acme');
    notes = new NotesRepository(database, tenant);
  });

  afterEach(() => database.close());

  it('stamps created rows with the current tenant and a generated id', async () => {
    const note = await notes.create({ title: 'a', tenant_id: 'globex', id: 'mine' } as never);
    expect(note).toEqual({
      id: expect.any(String),
      tenant_id: 'acme',
      title: 'a',
      body: '',
      stars: 0,
    });
    expect(isRowId(note.id)).toBe(true);
  });

  it('reads the tenant at every call, never caching it', async () => {
    const acmeNote = await notes.create({ title: 'acme only' });
    tenant.tenantId = 'globex';
    expect(await notes.findAll()).toEqual([]);
    expect(await notes.findById(acmeNote.id)).toBeNull();
    tenant.tenantId = 'acme';
    expect(await notes.findAll()).toEqual([acmeNote]);
  });

  it('updates several columns at once, binding each value to its own column', async () => {
    const note = await notes.create({ title: 't', body: 'b', stars: 1 });
    const updated = await notes.update(note.id, { stars: 5, title: 'T2', body: 'B2' });
    expect(updated).toEqual({ ...note, title: 'T2', body: 'B2', stars: 5 });
    expect(await notes.findById(note.id)).toEqual(updated);
  });

  it('returns the unchanged row for a patch with no writable column', async () => {
    const note = await notes.create({ title: 't' });
    expect(await notes.update(note.id, { tenant_id: 'globex' } as never)).toEqual(note);
  });

  it("does not update or delete another tenant's row", async () => {
    const note = await notes.create({ title: 'keep' });
    tenant.tenantId = 'globex';
    expect(await notes.update(note.id, { title: 'taken' })).toBeNull();
    expect(await notes.remove(note.id)).toBe(false);
    tenant.tenantId = 'acme';
    expect(await notes.findById(note.id)).toEqual(note);
    expect(await notes.remove(note.id)).toBe(true);
    expect(await notes.remove(note.id)).toBe(false);
  });

  it('lists in a stable order', async () => {
    const created = [await notes.create({ title: '1' }), await notes.create({ title: '2' })];
    expect((await notes.findAll()).map((n) => n.id)).toEqual(created.map((n) => n.id).sort());
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(new BadTableRepository(database, tenant).findAll()).rejects.toThrow(
      /invalid SQL identifier "notes; DROP TABLE notes" in BadTableRepository/,
    );
  });
});

describe('isRowId', () => {
  it.each([
    ['a generated UUID', '0f8fad5b-d9cb-469f-a165-70867728950e', true],
    ['an upper-case UUID', '0F8FAD5B-D9CB-469F-A165-70867728950E', false],
    ['an empty string', '', false],
    ['a NUL byte', '\u0000', false],
    ['a UUID with a suffix', '0f8fad5b-d9cb-469f-a165-70867728950e/x', false],
    ['a number', 42, false],
  ])('%s → %s', (_, id, expected) => {
    expect(isRowId(id)).toBe(expected);
  });
});

describe('the parameter style follows the dialect', () => {
  it('uses $n placeholders for PostgreSQL', async () => {
    const seen: string[] = [];
    const fake: TenantDatabase = {
      dialect: 'postgres',
      withTenant: (_tenant, work) => work({ query: async (sql) => (seen.push(sql), []) as never }),
      close: async () => undefined,
    };
    const repository = new NotesRepository(fake, { tenantId: 'acme' });
    await repository.update('0f8fad5b-d9cb-469f-a165-70867728950e', { title: 'x', stars: 1 });
    expect(seen).toEqual([
      'UPDATE notes SET title = $1, stars = $2 WHERE tenant_id = $3 AND id = $4 RETURNING id, tenant_id, title, body, stars',
    ]);
  });
});
