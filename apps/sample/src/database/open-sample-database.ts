import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresTenantDatabase, SqliteTenantDatabase, TenantDatabase } from '@coresdk/core-sdk';
import { postgresSchema, SAMPLE_APP_ROLE, SQLITE_SCHEMA } from './migrations';

export interface SampleDatabaseSettings {
  /** `postgres://…` selects PostgreSQL; nothing selects the embedded SQLite file. */
  url?: string;
  sqliteFile?: string;
  /** PostgreSQL schema holding the tables (tests use one per run). */
  schema?: string;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function sampleDatabaseSettings(
  env: NodeJS.ProcessEnv = process.env,
): SampleDatabaseSettings {
  return {
    url: env.CORESDK_DB || undefined,
    sqliteFile: env.SAMPLE_SQLITE_FILE || join(process.cwd(), '.data', 'sample.sqlite'),
    schema: env.SAMPLE_PG_SCHEMA || 'public',
  };
}

/** Opens the database and migrates it: the first start creates everything it needs. */
export async function openSampleDatabase(
  settings: SampleDatabaseSettings,
): Promise<TenantDatabase> {
  if (settings.url !== undefined && !POSTGRES_URL.test(settings.url)) {
    throw new Error(
      'CORESDK_DB must be a postgres:// or postgresql:// URL; unset it to use the embedded ' +
        'SQLite file.',
    );
  }
  if (settings.url !== undefined) return openPostgres(settings.url, settings.schema ?? 'public');
  const sqlite = new SqliteTenantDatabase(settings.sqliteFile ?? ':memory:');
  sqlite.exec(SQLITE_SCHEMA);
  return sqlite;
}

async function openPostgres(url: string, schema: string): Promise<PostgresTenantDatabase> {
  // The schema name is spliced into DDL, so it is checked before anything runs.
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `SAMPLE_PG_SCHEMA "${schema}" is not a plain lower-case identifier ([a-z_][a-z0-9_]*)`,
    );
  }
  const admin = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL from CORESDK_DB does not answer (${(error as Error).message}); start it ` +
        'or unset CORESDK_DB to use the embedded SQLite file.',
    );
  }
  try {
    for (const statement of postgresSchema(schema)) await admin.query(statement);
  } finally {
    await admin.end();
  }
  return new PostgresTenantDatabase({ connectionString: url, appRole: SAMPLE_APP_ROLE, schema });
}
