import { SampleIssuer } from './support/sample-keys';
import {
  COMBINATIONS,
  expectStatus,
  NOT_FOUND,
  UNKNOWN_ID,
  useSampleApi,
} from './support/sample-api-harness';

/** Authentication, identity and the tenant wall: another tenant's product is a 404. */
describe.each(COMBINATIONS)('sample API on %s with %s: tenancy', (kind, adapter) => {
  const { anonymous, as, createProduct } = useSampleApi(kind, adapter);

  describe('authentication and identity', () => {
    it('serves /health without a token', async () => {
      const response = await anonymous().get('/health');
      expectStatus(response, 200);
      expect(response.body).toEqual({ status: 'ok' });
    });

    it('answers 401 without a token or with a token of another issuer key', async () => {
      const missing = await anonymous().get('/whoami');
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'missing bearer token',
      });
      const stranger = await SampleIssuer.create();
      try {
        const forged = await anonymous()
          .get('/products')
          .set('Authorization', `Bearer ${await stranger.token({ tenant: 'acme-corp' })}`);
        expect(forged.status).toBe(401);
      } finally {
        stranger.dispose();
      }
    });

    it('tells who the verified token names, ignoring tenant hints in query and headers', async () => {
      const response = await (
        await as('globex', 'reader', 'bob')
      )
        .get('/whoami?tenant_id=acme-corp')
        .set('X-Tenant-Id', 'acme-corp');
      expectStatus(response, 200);
      expect(response.body).toEqual({ tenant_id: 'globex', sub: 'bob' });
    });
  });

  describe('tenant isolation', () => {
    it('keeps every read and write of globex away from an acme-corp product (404, not 403)', async () => {
      const anvil = await createProduct('acme-corp', 'Anvil', 1999);
      expect(anvil).toEqual({
        id: expect.any(String),
        tenant_id: 'acme-corp',
        name: 'Anvil',
        price_cents: 1999,
      });
      // An admin of globex: the policy allows every action, only the tenant wall remains.
      const globex = await as('globex', 'admin');
      const list = await globex.get('/products');
      expectStatus(list, 200);
      expect(list.body.map((p: { id: string }) => p.id)).not.toContain(anvil.id);
      for (const response of [
        await globex.get(`/products/${anvil.id}`),
        await globex.patch(`/products/${anvil.id}`, { name: 'Stolen', price_cents: 1 }),
        await globex.delete(`/products/${anvil.id}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body).toEqual(NOT_FOUND);
      }
      const after = await (await as('acme-corp')).get(`/products/${anvil.id}`);
      expectStatus(after, 200);
      expect(after.body).toEqual(anvil);
    });

    it('creates in the token tenant whatever the body or headers claim', async () => {
      const globex = await as('globex', 'editor');
      const created = await globex
        .post('/products', {
          name: 'Widget',
          price_cents: 500,
          tenant_id: 'acme-corp',
          id: UNKNOWN_ID,
        })
        .set('X-Tenant-Id', 'acme-corp');
      expectStatus(created, 201);
      expect(created.body.tenant_id).toBe('globex');
      expect(created.body.id).not.toBe(UNKNOWN_ID);

      const acmeList = await (await as('acme-corp')).get('/products');
      expect(acmeList.body.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
      expect(acmeList.body.every((p: { tenant_id: string }) => p.tenant_id === 'acme-corp')).toBe(
        true,
      );
      const globexList = await globex.get('/products');
      expect(globexList.body).toContainEqual(created.body);
      expect(globexList.body.every((p: { tenant_id: string }) => p.tenant_id === 'globex')).toBe(
        true,
      );
    });

    it('ignores a tenant_id in a patch body', async () => {
      const product = await createProduct('acme-corp', 'Rocket', 100);
      const response = await (
        await as('acme-corp', 'editor')
      ).patch(`/products/${product.id}`, {
        price_cents: 150,
        tenant_id: 'globex',
      });
      expectStatus(response, 200);
      expect(response.body).toEqual({ ...product, price_cents: 150 });
      expect((await (await as('globex')).get(`/products/${product.id}`)).status).toBe(404);
    });
  });
});
