import { PostgresTenantDatabase } from './postgres-tenant.database';

describe('PostgresTenantDatabase options', () => {
  const connectionString = 'postgres://nobody@127.0.0.1:1/none';

  it.each(['app role', 'app;drop', 'App', ''])('refuses the role name %j', (appRole) => {
    expect(() => new PostgresTenantDatabase({ connectionString, appRole })).toThrow(
      /invalid PostgreSQL role name/,
    );
  });

  it.each(['public; drop', 'My-Schema'])('refuses the schema name %j', (schema) => {
    expect(() => new PostgresTenantDatabase({ connectionString, appRole: 'app', schema })).toThrow(
      /invalid PostgreSQL schema name/,
    );
  });

  it('connects lazily: constructing and closing needs no server', async () => {
    const database = new PostgresTenantDatabase({ connectionString, appRole: 'app', schema: 's1' });
    expect(database.dialect).toBe('postgres');
    await database.close();
  });
});
