import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_VARIABLES, SECTION_NAMES, SETTINGS } from './config-schema';
import { createTempWorkspace, type TempWorkspace } from './testing/temp-workspace';

const REPOSITORY_ROOT = join(__dirname, '../../../..');
const SAMPLE_TOML = join(REPOSITORY_ROOT, 'coresdk.toml');
const DOCS = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');

/** The README promises what the docs say; these checks keep the docs and the code in step. */
describe('README.md configuration section', () => {
  it.each(ENV_VARIABLES.map((name) => [name]))('lists %s in the variables table', (name) => {
    expect(DOCS).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });

  it.each(SETTINGS.map((spec) => [`[${spec.section}].${spec.key}`, spec.section, spec.key]))(
    'documents %s in its section table',
    (_label, section, key) => {
      const sectionText = DOCS.split(`### \`[${section}]\``)[1]?.split('\n### ')[0] ?? '';
      expect(sectionText).toMatch(new RegExp(`^\\| \`${key}\` +\\|`, 'm'));
    },
  );

  it('has a section for every toml section and [[tenants]]', () => {
    for (const section of SECTION_NAMES) expect(DOCS).toContain(`### \`[${section}]\``);
    expect(DOCS).toContain('### `[[tenants]]`');
  });
});

describe('the repository coresdk.toml used by the sample app', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it('resolves once the sample supplies its development JWKS file', () => {
    const config = workspace.resolve({
      options: { configFile: SAMPLE_TOML, auth: { jwksFile: '.dev-keys/jwks.json' } },
    });
    expect(config.sdk).toEqual({
      sidecarAddr: '[::1]:50051',
      tenantId: 'acme-corp',
      serviceName: 'coresdk-sample',
      failMode: 'closed',
    });
    expect(config.auth).toMatchObject({
      issuer: 'coresdk-dev',
      audience: 'coresdk-sample',
      jwksFile: join(workspace.dir, '.dev-keys/jwks.json'),
      jwksUri: null,
      algorithms: expect.arrayContaining(['ES256']), // the development key pair is ES256
    });
    expect(config.policies).toMatchObject({
      dir: join(REPOSITORY_ROOT, 'policies'),
      regoVersion: 'v1',
      entrypoint: 'coresdk/authz/allow',
    });
    expect(config.tenants.map((tenant) => [tenant.id, tenant.displayName])).toEqual([
      ['acme-corp', 'Acme Corp'],
      ['globex', 'Globex'],
    ]);
  });

  it('names no key source of its own, so the sample falls back to development keys', () => {
    const error = workspace.fail({ options: { configFile: SAMPLE_TOML } });
    expect(error.problems).toEqual([expect.stringContaining('no key source is configured')]);
  });
});
