import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

const JWKS = { auth: { jwksUri: 'https://i.example/jwks' } };

describe('tenant declarations', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  describe('[[tenants]] shapes that are accepted', () => {
    it.each([
      [
        'one inline table per entry',
        '[[tenants]]\nacme-corp = { display_name = "Acme Corp" }\n[[tenants]]\nglobex = { display_name = "Globex" }\n',
        [
          ['acme-corp', 'Acme Corp'],
          ['globex', 'Globex'],
        ],
      ],
      [
        'several ids in one entry',
        '[[tenants]]\nacme-corp = { display_name = "Acme Corp" }\nglobex    = { display_name = "Globex" }\n',
        [
          ['acme-corp', 'Acme Corp'],
          ['globex', 'Globex'],
        ],
      ],
      [
        'sub-table headers under an entry',
        '[[tenants]]\n[tenants.acme-corp]\ndisplay_name = "Acme Corp"\n[tenants.globex]\n[[tenants]]\ninitech = {}\n',
        [
          ['acme-corp', 'Acme Corp'],
          ['globex', null],
          ['initech', null],
        ],
      ],
      ['an empty entry', '[[tenants]]\n', []],
      ['quoted ids', '[[tenants]]\n"0-day" = {}\n', [['0-day', null]]],
    ])('%s', (_name, tenantsToml, expected) => {
      const config = workspace.resolve({ toml: `${JWKS_URI_TOML}${tenantsToml}` });
      expect(config.tenants.map((tenant) => [tenant.id, tenant.displayName])).toEqual(expected);
    });
  });

  it('keeps every other attribute, as plain JSON data', () => {
    const config = workspace.resolve({
      toml:
        `${JWKS_URI_TOML}[[tenants]]\n` +
        'acme-corp = { display_name = "Acme", plan = "gold", seats = 25, beta = true, regions = ["eu", "us"], ' +
        'since = 2024-01-02, rate_limit = { limit = 5, ttl = "1s" } }\n',
    });
    const [acme] = config.tenants;
    expect(acme.attributes).toEqual({
      plan: 'gold',
      seats: 25,
      beta: true,
      regions: ['eu', 'us'],
      since: '2024-01-02',
      rate_limit: { limit: 5, ttl: '1s' },
    });
    expect(Object.getPrototypeOf(acme.attributes)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(acme.attributes.rate_limit)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(acme.attributes))).toEqual(acme.attributes);
  });

  it('takes the options list instead of the toml list, even when empty', () => {
    const toml = `${JWKS_URI_TOML}[[tenants]]\nacme-corp = {}\n`;
    const replaced = workspace.resolve({
      toml,
      options: { tenants: [{ id: 'globex', displayName: 'Globex', plan: 'gold' }] },
    });
    expect(replaced.tenants).toEqual([
      { id: 'globex', displayName: 'Globex', attributes: { plan: 'gold' } },
    ]);
    expect(workspace.resolve({ toml, options: { tenants: [] } }).tenants).toEqual([]);
    expect(workspace.resolve({ toml }).tenants.map((tenant) => tenant.id)).toEqual(['acme-corp']);
  });

  it('checks ids against a custom pattern from any level', () => {
    const toml = `${JWKS_URI_TOML}[[tenants]]\nAcme_1 = {}\n`;
    const options = { auth: { tenantIdPattern: /[A-Za-z][A-Za-z0-9_]*/ } };
    expect(workspace.resolve({ toml, options }).tenants.map((tenant) => tenant.id)).toEqual([
      'Acme_1',
    ]);
    const error = workspace.fail({ toml: `${toml}[sdk]\ntenant_id = "bad-id"\n`, options });
    expect(error.problems).toEqual([
      expect.stringContaining(
        'coresdk.toml: [sdk].tenant_id = "bad-id" does not match the tenant id pattern ^(?:[A-Za-z][A-Za-z0-9_]*)$: rename it, or change [auth].tenant_id_pattern',
      ),
    ]);
  });

  it('anchors a RegExp pattern and drops stateful and multi-line flags', () => {
    const config = workspace.resolve({
      options: { ...JWKS, auth: { ...JWKS.auth, tenantIdPattern: /[a-z]+/gim } },
    });
    const pattern = config.auth.tenantIdPattern;
    expect(pattern.flags).toBe('i');
    expect([
      pattern.test('Acme'),
      pattern.test('Acme'),
      pattern.test('acme\nx'),
      pattern.test('a-b'),
    ]).toEqual([true, true, false, false]);
  });

  describe('mistakes', () => {
    it.each([
      [
        '[tenants] as a table',
        '[tenants]\nacme-corp = {}\n',
        'coresdk.toml: [tenants] must be an array of tables, got a table: write [[tenants]] (double brackets)',
      ],
      [
        'tenants as an array of strings',
        'tenants = ["acme-corp"]\n',
        'coresdk.toml: [[tenants]] #1 must be a table, got string "acme-corp": write acme-corp = { display_name = "Acme Corp" }',
      ],
      [
        'a tenant that is not a table',
        '[[tenants]]\nacme-corp = "Acme Corp"\n',
        'coresdk.toml: [[tenants]] #1 tenant "acme-corp" must be a table of attributes, got string "Acme Corp": write acme-corp = { display_name = "Acme Corp" }',
      ],
      [
        'display_name not a string',
        '[[tenants]]\nacme-corp = { display_name = 5 }\n',
        'coresdk.toml: [[tenants]] #1 tenant "acme-corp" display_name must be a string, got integer 5',
      ],
      [
        'a duplicate across entries',
        '[[tenants]]\nacme-corp = {}\n[[tenants]]\nglobex = {}\nacme-corp = {}\n',
        'coresdk.toml: tenant "acme-corp" is declared twice, in [[tenants]] #1 and [[tenants]] #2: remove one of them',
      ],
      [
        'an id with capitals',
        '[[tenants]]\nAcme = {}\n',
        'coresdk.toml: [[tenants]] #1 "Acme": the tenant id does not match the tenant id pattern ^[a-z0-9][a-z0-9-]{0,62}$: use 1 to 63 lowercase letters',
      ],
      [
        'an id with a slash',
        '[[tenants]]\n"acme/corp" = {}\n',
        '"acme/corp": the tenant id does not match the tenant id pattern',
      ],
      [
        'an id that is too long',
        `[[tenants]]\n${'a'.repeat(64)} = {}\n`,
        'the tenant id does not match the tenant id pattern',
      ],
    ])('%s', (_name, tenantsToml, expected) => {
      // Tenants first: a bare `tenants = [...]` must sit above every [section] header.
      const error = workspace.fail({ toml: `${tenantsToml}${JWKS_URI_TOML}` });
      expect(error.problems).toEqual([expect.stringContaining(expected)]);
    });

    it.each([
      ['not an array', { id: 'acme' }, 'forRoot options: tenants must be an array, got a table'],
      [
        'an entry without id',
        [{ displayName: 'Acme' }],
        'forRoot options: tenants[0] must be an object with a string id, got id undefined',
      ],
      [
        'a duplicate',
        [{ id: 'acme' }, { id: 'globex' }, { id: 'acme' }],
        'forRoot options: tenant "acme" is declared twice, in tenants[0] and tenants[2]: remove one of them',
      ],
      [
        'a bad id',
        [{ id: 'ACME' }],
        'forRoot options: tenants[0] "ACME": the tenant id does not match',
      ],
      [
        'a bad displayName',
        [{ id: 'acme', displayName: 1 }],
        'forRoot options: tenants[0].displayName must be a string, got integer 1',
      ],
    ])('options: %s', (_name, tenants, expected) => {
      const error = workspace.fail({ options: { ...JWKS, tenants: tenants as never } });
      expect(error.problems).toEqual([expect.stringContaining(expected)]);
    });
  });
});
