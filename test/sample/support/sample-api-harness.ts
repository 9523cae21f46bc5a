import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADAPTERS, AdapterName, startSampleApp } from './sample-app';
import { createTestDatabase, DATABASE_KINDS, DatabaseKind, TestDatabase } from './sample-databases';
import { Role, SampleIssuer } from './sample-keys';

export const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'product not found' };
export const FORBIDDEN = { statusCode: 403, error: 'Forbidden', message: 'forbidden by policy' };
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every database × adapter pair the HTTP suites run on (`describe.each`). */
export const COMBINATIONS = DATABASE_KINDS.flatMap((kind) =>
  ADAPTERS.map((adapter) => [kind, adapter] as [DatabaseKind, AdapterName]),
);

export interface StoredProduct {
  id: string;
  tenant_id: string;
  name: string;
  price_cents: number;
}

/** Asserts a status and, when it differs, shows the response body in the failure. */
export function expectStatus(response: request.Response, status: number): void {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
}

/**
 * Registers beforeAll/afterAll hooks that start the sample on a private database (temporary
 * SQLite file or unique PostgreSQL schema) and return helpers that call it as a given user.
 */
export function useSampleApi(kind: DatabaseKind, adapter: AdapterName) {
  let issuer: SampleIssuer;
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    issuer = await SampleIssuer.create();
    database = await createTestDatabase(kind);
    app = await startSampleApp(adapter, issuer.jwksFile, database.settings);
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    issuer?.dispose();
  });

  /** Requests without a token (or with headers the test sets itself). */
  const anonymous = () => request(app.getHttpServer());

  /** Requests carrying a valid token for `tenant`; `reader` sends no role claim. */
  const as = async (tenant: string, role: Role = 'reader', sub = `${tenant}-${role}`) => {
    const auth = { Authorization: `Bearer ${await issuer.token({ tenant, role, sub })}` };
    const withBody = (call: request.Test, body: unknown) => call.set(auth).send(body as object);
    return {
      get: (path: string) => anonymous().get(path).set(auth),
      post: (path: string, body?: unknown) => withBody(anonymous().post(path), body),
      patch: (path: string, body?: unknown) => withBody(anonymous().patch(path), body),
      delete: (path: string) => anonymous().delete(path).set(auth),
    };
  };

  /** Creates a product as an editor of `tenant` and returns it as stored. */
  const createProduct = async (
    tenant: string,
    name: string,
    priceCents: number,
  ): Promise<StoredProduct> => {
    const editor = await as(tenant, 'editor');
    const response = await editor.post('/products', { name, price_cents: priceCents });
    expectStatus(response, 201);
    return response.body as StoredProduct;
  };

  return { anonymous, as, createProduct, issuer: () => issuer };
}
