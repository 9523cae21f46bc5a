import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteTenantStore } from './sqlite-tenant.store';
import type { TenantDraft } from './tenant-record.interface';

const draft = (id: string, status: TenantDraft['status'] = 'active'): TenantDraft => ({
  id,
  displayName: null,
  status,
  attributes: { plan: 'pro' },
  limits: { requests: 5 },
  policy: { path: `tenants/${id}.rego`, source: 'package coresdk.authz\n' },
});

describe('SqliteTenantStore', () => {
  let dir: string;
  let first: SqliteTenantStore;
  let second: SqliteTenantStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coresdk-tenant-store-'));
    first = new SqliteTenantStore(join(dir, 'nested/tenants.sqlite'));
    second = new SqliteTenantStore(join(dir, 'nested/tenants.sqlite'));
    await first.open();
    await second.open();
  });

  afterEach(async () => {
    await first.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out one increasing version across every handle on the file', async () => {
    const a = await first.write('acme', () => draft('acme'));
    const b = await second.write('globex', () => draft('globex'));
    const c = await first.write('acme', (current) => ({ ...current!, status: 'disabled' }));
    expect([a.version, b.version, c.version]).toEqual([1, 2, 3]);
    expect((await second.changesSince(1)).map((row) => [row.id, row.status, row.version])).toEqual([
      ['globex', 'active', 2],
      ['acme', 'disabled', 3],
    ]);
  });

  it('round-trips every field', async () => {
    await first.write('acme', () => draft('acme'));
    const [row] = await second.changesSince(0);
    expect(row).toMatchObject(draft('acme'));
    expect(row.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('writes nothing when the change throws', async () => {
    await expect(
      first.write('acme', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await first.changesSince(0)).toEqual([]);
  });
});
