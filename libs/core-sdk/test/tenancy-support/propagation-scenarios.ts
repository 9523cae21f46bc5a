import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { IssuerFixture } from '../authz-support/keys';
import { eventually } from './tenancy-fixture-app';

/** Two instances of one service sharing a tenant store and a propagation engine. */
export interface TwoInstances {
  a: INestApplication;
  b: INestApplication;
  issuer: IssuerFixture;
}

export const ADMIN_CLAIMS = { coresdk_admin: true };

/** The status `app` answers for a token of `tenant` on GET /whoami. */
export async function statusFor(app: INestApplication, token: string): Promise<number> {
  const response = await request(app.getHttpServer())
    .get('/whoami')
    .set('Authorization', `Bearer ${token}`);
  return response.status;
}

export function admin(app: INestApplication, adminToken: string) {
  const server = app.getHttpServer();
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${adminToken}`);
  return {
    create: (body: unknown) =>
      auth(
        request(server)
          .post('/coresdk/admin/tenants')
          .send(body as object),
      ),
    get: (id: string) => auth(request(server).get(`/coresdk/admin/tenants/${id}`)),
    list: () => auth(request(server).get('/coresdk/admin/tenants')),
    update: (id: string, body: unknown) =>
      auth(
        request(server)
          .patch(`/coresdk/admin/tenants/${id}`)
          .send(body as object),
      ),
    disable: (id: string) => auth(request(server).post(`/coresdk/admin/tenants/${id}/disable`)),
    enable: (id: string) => auth(request(server).post(`/coresdk/admin/tenants/${id}/enable`)),
    setPolicy: (id: string, body: unknown) =>
      auth(
        request(server)
          .put(`/coresdk/admin/tenants/${id}/policy`)
          .send(body as object),
      ),
    setLimits: (id: string, body: unknown) =>
      auth(
        request(server)
          .put(`/coresdk/admin/tenants/${id}/limits`)
          .send(body as object),
      ),
    remove: (id: string) => auth(request(server).delete(`/coresdk/admin/tenants/${id}`)),
  };
}

/** A tenant policy with an unsafe variable on line 5, column 2. */
export const BROKEN_TENANT_POLICY = `package coresdk.authz

allow if {
\tinput.action == "orders:write"
\tundefined_thing == 1
}
`;

/** Lets every user of the tenant write orders, editor or not. */
export const OPEN_WRITES_POLICY = `package coresdk.authz

allow if input.action == "orders:write"
`;

/**
 * The propagation guarantees, run against any store/engine pair: a change made through one
 * instance is enforced by the other without a restart, and only through the engine (the
 * periodic sync is set far beyond the test's timeouts by the caller).
 */
export function describePropagation(setup: () => TwoInstances, waitMs = 3_000): void {
  const adminToken = () => setup().issuer.token('acme', ADMIN_CLAIMS);

  it('a tenant created on instance A is accepted by instance B', async () => {
    const { a, b, issuer } = setup();
    const token = await issuer.token('initech');
    expect(await statusFor(b, token)).toBe(403);

    const created = await admin(a, await adminToken()).create({
      id: 'initech',
      displayName: 'Initech',
      attributes: { plan: 'pro' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'initech', status: 'active', origin: 'store' });

    expect(await eventually(async () => (await statusFor(b, token)) === 200, waitMs)).toBe(true);
    expect(await statusFor(a, token)).toBe(200);
  });

  it('a tenant disabled on B is rejected by A, and accepted again once enabled', async () => {
    const { a, b, issuer } = setup();
    const token = await issuer.token('initech');
    expect(await statusFor(a, token)).toBe(200);

    const disabled = await admin(b, await adminToken()).disable('initech');
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expect(await statusFor(b, token)).toBe(403);
    expect(await eventually(async () => (await statusFor(a, token)) === 403, waitMs)).toBe(true);

    expect((await admin(a, await adminToken()).enable('initech')).status).toBe(200);
    expect(await eventually(async () => (await statusFor(b, token)) === 200, waitMs)).toBe(true);
  });

  it('a tenant policy with an error is rejected with positioned diagnostics and not stored', async () => {
    const { a, b, issuer } = setup();
    const response = await admin(a, await adminToken()).setPolicy('initech', {
      path: 'tenants/initech.rego',
      source: BROKEN_TENANT_POLICY,
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toBe('tenant policy rejected');
    expect(response.body.diagnostics.join('\n')).toMatch(
      /tenants\/initech\.rego:5:2: rego_\w+_error/,
    );

    // Neither instance changed: initech still decides with the global policy.
    expect((await admin(b, await adminToken()).get('initech')).body.policyPath).toBeNull();
    const writer = await issuer.token('initech');
    for (const app of [a, b]) {
      const write = await request(app.getHttpServer())
        .post('/orders')
        .set('Authorization', `Bearer ${writer}`);
      expect(write.status).toBe(403);
    }
  });

  it('a valid tenant policy is decided with by both instances', async () => {
    const { a, b, issuer } = setup();
    const writer = await issuer.token('initech');
    const accepted = await admin(a, await adminToken()).setPolicy('initech', {
      source: OPEN_WRITES_POLICY,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.policyPath).toBe('tenants/initech.rego');

    const canWrite = (app: INestApplication) => async () =>
      (await request(app.getHttpServer()).post('/orders').set('Authorization', `Bearer ${writer}`))
        .status === 201;
    expect(await canWrite(a)()).toBe(true);
    expect(await eventually(canWrite(b), waitMs)).toBe(true);

    // The override is initech's alone: another tenant's non-editor still may not write.
    const other = await issuer.token('globex');
    const denied = await request(b.getHttpServer())
      .post('/orders')
      .set('Authorization', `Bearer ${other}`);
    expect(denied.status).toBe(403);
  });

  it('limits set on A are stored, visible and enforced on every instance', async () => {
    const { a, b, issuer } = setup();
    const set = await admin(a, await adminToken()).setLimits('initech', {
      requests: 2,
      windowMs: 60_000,
    });
    expect(set.status).toBe(200);
    expect(set.body.limits).toEqual({ requests: 2, windowMs: 60_000 });
    expect(
      await eventually(
        async () => (await admin(b, await adminToken()).get('initech')).body.limits?.requests === 2,
        waitMs,
      ),
    ).toBe(true);
    // B enforces the runtime limit with its own counter: two requests pass, the third is 429.
    const initech = await issuer.token('initech');
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await statusFor(b, initech));
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a tenant deleted on A is rejected by B, also a tenant declared in coresdk.toml', async () => {
    const { a, b, issuer } = setup();
    const initech = await issuer.token('initech');
    const globex = await issuer.token('globex');
    expect(await statusFor(b, globex)).toBe(200);

    expect((await admin(a, await adminToken()).remove('initech')).status).toBe(204);
    expect((await admin(a, await adminToken()).remove('globex')).status).toBe(204);
    expect(await eventually(async () => (await statusFor(b, initech)) === 403, waitMs)).toBe(true);
    expect(await eventually(async () => (await statusFor(b, globex)) === 403, waitMs)).toBe(true);
    expect((await admin(b, await adminToken()).get('globex')).status).toBe(404);
  });
}
