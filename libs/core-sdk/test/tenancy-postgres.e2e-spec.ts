import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { describePropagation } from './tenancy-support/propagation-scenarios';
import { createTenancyApp, TENANCY_GLOBAL_POLICY } from './tenancy-support/tenancy-fixture-app';
import { tenancyOptions } from './tenancy-support/tenancy-options';

jest.setTimeout(30_000);

const DATABASE_URL =
  process.env.CORESDK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Two instances (A on Fastify, B on Express) share one PostgreSQL schema as the tenant
 * store and propagate through LISTEN/NOTIFY; the periodic sync is an hour away.
 */
describe('tenant provisioning: PostgreSQL store, LISTEN/NOTIFY propagation', () => {
  const schema = `coresdk_tenancy_${randomBytes(6).toString('hex')}`;
  let issuer: IssuerFixture;
  let policies: PolicyDir;
  let a: INestApplication;
  let b: INestApplication;

  beforeAll(async () => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    issuer = await createIssuer();
    policies = writePolicyDir({ 'global.rego': TENANCY_GLOBAL_POLICY });
    const store = `${DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const options = tenancyOptions(issuer.jwksFile, policies.dir, {
      store,
      propagation: 'postgres',
      syncInterval: '1h',
    });
    a = await createTenancyApp('fastify', options);
    b = await createTenancyApp('express', options);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    issuer?.remove();
    policies?.remove();
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  describePropagation(() => ({ a, b, issuer }));
});
