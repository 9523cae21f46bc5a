import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresTenantDatabase, SqliteTenantDatabase, TenantDatabase } from '@coresdk/core-sdk';
import { postgresSchema, SAMPLE_APP_ROLE, SQLITE_SCHEMA } from './migrations';

export interface SampleDatabaseSettings {
  /** `postgres://…` selects PostgreSQL; anything else (or nothing) the embedded SQLite file. */
  url?: string;
  sqliteFile?: string;
  /** PostgreSQL schema holding the tables (tests use one per run). */
  schema?: string;
}

export function sampleDatabaseSettings(
  env: NodeJS.ProcessEnv = process.env,
): SampleDatabaseSettings {
  return {
    url: env.CORESDK_DB,
    sqliteFile: env.SAMPLE_SQLITE_FILE ?? join(process.cwd(), '.data', 'sample.sqlite'),
    schema: env.SAMPLE_PG_SCHEMA ?? 'public',
  };
}

/** Opens the database and migrates it: the first start creates everything it needs. */
export async function openSampleDatabase(
  settings: SampleDatabaseSettings,
): Promise<TenantDatabase> {
  if (settings.url && /^postgres(ql)?:\/\//.test(settings.url)) {
    const schema = settings.schema ?? 'public';
    const admin = new Client({ connectionString: settings.url });
    await admin.connect();
    try {
      for (const statement of postgresSchema(schema)) await admin.query(statement);
    } finally {
      await admin.end();
    }
    return new PostgresTenantDatabase({
      connectionString: settings.url,
      appRole: SAMPLE_APP_ROLE,
      schema,
    });
  }
  const sqlite = new SqliteTenantDatabase(settings.sqliteFile ?? ':memory:');
  sqlite.exec(SQLITE_SCHEMA);
  return sqlite;
}
