import {
  COMBINATIONS,
  expectStatus,
  NOT_FOUND,
  UNKNOWN_ID,
  useSampleApi,
} from './support/sample-api-harness';

/** Ids no product can have; each must be a plain 404, never a 400 or a 500. */
const MALFORMED_IDS = [
  'not-a-uuid',
  '%00',
  "1'%20OR%20'1'%3D'1",
  UNKNOWN_ID.toUpperCase(),
  'x'.repeat(100),
  '%E2%82%AC',
];

/** Products CRUD, 404s for unknown and malformed ids, and request validation (400). */
describe.each(COMBINATIONS)('sample API on %s with %s: products', (kind, adapter) => {
  const { anonymous, as, createProduct, issuer } = useSampleApi(kind, adapter);

  describe('products CRUD', () => {
    it('creates, reads, lists, updates and deletes a product of the caller tenant', async () => {
      const editor = await as('globex', 'editor');
      const created = await createProduct('globex', '  Spring  ', 250);
      expect(created.name).toBe('Spring');

      const read = await editor.get(`/products/${created.id}`);
      expectStatus(read, 200);
      expect(read.body).toEqual(created);

      const patched = await editor.patch(`/products/${created.id}`, { name: 'Coil' });
      expectStatus(patched, 200);
      expect(patched.body).toEqual({ ...created, name: 'Coil' });
      expect((await editor.get('/products')).body).toContainEqual(patched.body);

      const admin = await as('globex', 'admin');
      const deleted = await admin.delete(`/products/${created.id}`);
      expect(deleted.status).toBe(204);
      expect((await admin.get(`/products/${created.id}`)).status).toBe(404);
      expect((await admin.delete(`/products/${created.id}`)).status).toBe(404);
    });

    it('answers a JSON 404 for unknown and malformed ids, never a 500', async () => {
      const admin = await as('acme-corp', 'admin');
      for (const id of [UNKNOWN_ID, ...MALFORMED_IDS]) {
        for (const response of [
          await admin.get(`/products/${id}`),
          await admin.patch(`/products/${id}`, { name: 'x' }),
          await admin.delete(`/products/${id}`),
        ]) {
          expect({ id, status: response.status, body: response.body }).toEqual({
            id,
            status: 404,
            body: NOT_FOUND,
          });
        }
      }
    });

    it('answers an over-long id with a 4xx, never a 500', async () => {
      // Fastify refuses path parameters over 100 characters itself (414); Express reaches the
      // repository, which finds nothing (404).
      const response = await (await as('acme-corp', 'admin')).get(`/products/${'x'.repeat(2_000)}`);
      expect(response.status).toBe(adapter === 'fastify' ? 414 : 404);
    });
  });

  describe('request validation', () => {
    const invalidCreates: Array<[string, unknown, string]> = [
      ['a name that is a number', { name: 42, price_cents: 1 }, 'name must be a non-empty string'],
      ['an empty name', { name: '', price_cents: 1 }, 'name must be a non-empty string'],
      ['a blank name', { name: '   ', price_cents: 1 }, 'name must be a non-empty string'],
      ['a NUL in the name', { name: 'a\u0000b', price_cents: 1 }, 'control characters'],
      ['a too long name', { name: 'n'.repeat(201), price_cents: 1 }, 'at most 200'],
      ['a missing name', { price_cents: 1 }, 'name must be a non-empty string'],
      ['a price as a string', { name: 'a', price_cents: '12' }, 'price_cents must be an integer'],
      ['a negative price', { name: 'a', price_cents: -1 }, 'price_cents must be an integer'],
      ['a fractional price', { name: 'a', price_cents: 1.5 }, 'price_cents must be an integer'],
      ['a price past INTEGER', { name: 'a', price_cents: 2 ** 31 }, 'price_cents must be'],
      ['a missing price', { name: 'a' }, 'price_cents must be an integer'],
      ['a null price', { name: 'a', price_cents: null }, 'price_cents must be an integer'],
      ['an array body', [{ name: 'a', price_cents: 1 }], 'body must be a JSON object'],
    ];

    it.each(invalidCreates)('refuses a create with %s (400)', async (_, body, message) => {
      const response = await (await as('acme-corp', 'editor')).post('/products', body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message.join('; ')).toContain(message);
    });

    it('lists every problem of a body at once', async () => {
      const response = await (
        await as('acme-corp', 'editor')
      ).post('/products', {
        name: '',
        price_cents: -5,
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toHaveLength(2);
    });

    it('refuses a body that is not JSON at all (400)', async () => {
      const token = await issuer().token({ tenant: 'acme-corp', role: 'editor' });
      const response = await anonymous()
        .post('/products')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{"name": "Anvil", price_cents: }');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/json/);
      expect(response.body).toMatchObject({ statusCode: 400 });
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
    });

    it.each([
      ['nothing', {}],
      ['only a tenant_id', { tenant_id: 'globex' }],
      ['only unknown fields', { colour: 'red' }],
    ])('refuses a patch that sets %s (400)', async (_, body) => {
      const product = await createProduct('acme-corp', 'Patchable', 10);
      const response = await (
        await as('acme-corp', 'editor')
      ).patch(`/products/${product.id}`, body);
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(['body must set name and/or price_cents']);
    });

    it('refuses a patch with a bad field and leaves the product unchanged', async () => {
      const product = await createProduct('acme-corp', 'Stable', 10);
      const editor = await as('acme-corp', 'editor');
      const response = await editor.patch(`/products/${product.id}`, {
        name: 'Renamed',
        price_cents: -1,
      });
      expect(response.status).toBe(400);
      expect((await editor.get(`/products/${product.id}`)).body).toEqual(product);
    });
  });
});
