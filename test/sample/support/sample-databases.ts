import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SampleDatabaseSettings } from '../../../apps/sample/src/database/open-sample-database';

/**
 * PostgreSQL the e2e suites use. CI starts it (.ci/run); set SAMPLE_TEST_PG_URL to point
 * elsewhere. It is required: a run without it fails rather than silently testing less.
 */
export const POSTGRES_URL =
  process.env.SAMPLE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** One private database for one suite: a temporary SQLite file or a unique PostgreSQL schema. */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly settings: SampleDatabaseSettings;
  /** Runs SQL as the connecting superuser, outside the tenant scope and RLS (PostgreSQL only). */
  adminQuery<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  dispose(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqlite() : createPostgres();
}

function createSqlite(): TestDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'coresdk-sample-db-'));
  return {
    kind: 'sqlite',
    settings: { sqliteFile: join(directory, 'sample.sqlite') },
    adminQuery: () => Promise.reject(new Error('adminQuery is for PostgreSQL')),
    dispose: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const admin = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL does not answer at ${POSTGRES_URL} (${(error as Error).message}). The sample ` +
        'e2e suites need it: start it (.ci/run does) or set SAMPLE_TEST_PG_URL.',
    );
  }
  // Unique per run and suite, so parallel runs never see each other's tables.
  const schema = `sample_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    kind: 'postgres',
    settings: { url: POSTGRES_URL, schema },
    adminQuery: async <Row>(sql: string, params: unknown[] = []) => {
      await admin.query(`SET search_path TO ${schema}`);
      return (await admin.query(sql, params)).rows as Row[];
    },
    dispose: async () => {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
