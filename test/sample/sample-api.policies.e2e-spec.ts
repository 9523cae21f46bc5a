import { COMBINATIONS, expectStatus, FORBIDDEN, useSampleApi } from './support/sample-api-harness';

/** The policies in policies/: reader, editor and admin roles; analytics only for acme-corp. */
describe.each(COMBINATIONS)('sample API on %s with %s: policies', (kind, adapter) => {
  const { as, createProduct } = useSampleApi(kind, adapter);

  describe('policies: roles and analytics', () => {
    it('lets a reader read but not write or delete', async () => {
      const product = await createProduct('acme-corp', 'Readable', 10);
      const reader = await as('acme-corp', 'reader');
      expect((await reader.get('/products')).status).toBe(200);
      expect((await reader.get(`/products/${product.id}`)).status).toBe(200);
      for (const response of [
        await reader.post('/products', { name: 'No', price_cents: 1 }),
        await reader.patch(`/products/${product.id}`, { name: 'No' }),
        await reader.delete(`/products/${product.id}`),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body).toEqual(FORBIDDEN);
      }
      expect((await reader.get(`/products/${product.id}`)).body).toEqual(product);
    });

    it('lets an editor write but not delete, and an admin delete', async () => {
      const product = await createProduct('globex', 'Editable', 10);
      const editor = await as('globex', 'editor');
      expect((await editor.patch(`/products/${product.id}`, { price_cents: 11 })).status).toBe(200);
      const denied = await editor.delete(`/products/${product.id}`);
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual(FORBIDDEN);
      expect((await (await as('globex', 'admin')).delete(`/products/${product.id}`)).status).toBe(
        204,
      );
    });

    it('does not take a role from anything but the token', async () => {
      const reader = await as('acme-corp', 'reader');
      const response = await reader
        .post('/products?role=admin', { name: 'Sneaky', price_cents: 1, role: 'admin' })
        .set('X-Role', 'admin');
      expect(response.status).toBe(403);
    });

    it('gives acme-corp its own analytics summary and globex a 403', async () => {
      await createProduct('acme-corp', 'Counted', 1000);
      const acmeProducts = (await (await as('acme-corp')).get('/products')).body as Array<{
        price_cents: number;
      }>;
      const summary = await (await as('acme-corp', 'reader', 'alice')).get('/analytics/summary');
      expectStatus(summary, 200);
      expect(summary.body).toEqual({
        tenant_id: 'acme-corp',
        product_count: acmeProducts.length,
        total_price_cents: acmeProducts.reduce((sum, p) => sum + p.price_cents, 0),
      });
      for (const role of ['reader', 'admin'] as const) {
        const denied = await (await as('globex', role)).get('/analytics/summary');
        expect(denied.status).toBe(403);
        expect(denied.body).toEqual(FORBIDDEN);
      }
    });
  });
});
