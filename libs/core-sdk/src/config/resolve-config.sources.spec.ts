import { join } from 'node:path';
import { resolveCoreSdkConfig } from './resolve-config';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

describe('resolveCoreSdkConfig key sources, files and paths', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  describe('key sources replace each other as one group', () => {
    it.each([
      [
        'env jwks_file over toml jwks_uri',
        JWKS_URI_TOML,
        { CORESDK_JWKS_FILE: 'keys/jwks.json' },
        {},
        { jwksFile: 'keys/jwks.json' },
      ],
      [
        'options public key over env jwks_uri',
        '',
        { CORESDK_JWKS_URI: 'https://i.example/jwks' },
        { publicKeyFile: 'k.pem' },
        { publicKeyFile: 'k.pem' },
      ],
      [
        'options jwks_uri over toml hmac_secret',
        `[auth]\nhmac_secret = "${'s'.repeat(32)}"\n`,
        {},
        { jwksUri: 'https://o.example/jwks' },
        { jwksUri: 'https://o.example/jwks' },
      ],
      [
        'env hmac over toml jwks_uri',
        JWKS_URI_TOML,
        { CORESDK_HMAC_SECRET: 'e'.repeat(40) },
        {},
        { hmacSecret: 'e'.repeat(40) },
      ],
      [
        'env over two clashing toml sources',
        `${JWKS_URI_TOML}jwks_file = "a.json"\n`,
        { CORESDK_PUBLIC_KEY_FILE: 'k.pem' },
        {},
        { publicKeyFile: 'k.pem' },
      ],
    ])('%s', (_name, toml, env, auth, expected) => {
      const config = workspace.resolve({ toml, env, options: { auth } });
      // Files resolve against the working directory (env and options) — the workspace here.
      const inWorkspace = (path?: string) => (path ? join(workspace.dir, path) : null);
      expect(config.auth).toMatchObject({
        jwksUri: (expected as { jwksUri?: string }).jwksUri ?? null,
        jwksFile: inWorkspace((expected as { jwksFile?: string }).jwksFile),
        publicKeyFile: inWorkspace((expected as { publicKeyFile?: string }).publicKeyFile),
        hmacSecret: (expected as { hmacSecret?: string }).hmacSecret ?? null,
      });
    });

    it('takes the HMAC default algorithm only when the secret is the key source', () => {
      const secret = 'x'.repeat(32);
      expect(workspace.resolve({ env: { CORESDK_HMAC_SECRET: secret } }).auth.algorithms).toEqual([
        'HS256',
      ]);
      expect(
        workspace.resolve({
          env: { CORESDK_HMAC_SECRET: secret },
          options: { auth: { jwksUri: 'https://i.example/j' } },
        }).auth.algorithms,
      ).toEqual(['RS256', 'ES256', 'EdDSA']);
    });
  });

  describe('relative paths', () => {
    it('resolve against the toml file folder when written in the file', () => {
      const file = workspace.write(
        'conf/service.toml',
        '[auth]\njwks_file = "keys/jwks.json"\n[policies]\ndir = "../rego"\n',
      );
      const config = workspace.resolve({ env: { CORESDK_CONFIG: 'conf/service.toml' } });
      expect(config.configFile).toBe(file);
      expect(config.auth.jwksFile).toBe(join(workspace.dir, 'conf/keys/jwks.json'));
      expect(config.policies.dir).toBe(join(workspace.dir, 'rego'));
    });

    it('resolve against the working directory from env and options, even with a toml file elsewhere', () => {
      workspace.write('conf/service.toml', JWKS_URI_TOML);
      const env = { CORESDK_CONFIG: 'conf/service.toml', CORESDK_POLICY_DIR: 'env-policies' };
      expect(workspace.resolve({ env }).policies.dir).toBe(join(workspace.dir, 'env-policies'));
      const config = workspace.resolve({ env, options: { auth: { publicKeyFile: 'k.pem' } } });
      expect(config.auth.publicKeyFile).toBe(join(workspace.dir, 'k.pem'));
      expect(config.policies.dir).toBe(join(workspace.dir, 'env-policies'));
    });

    it('keep absolute paths and default the policy folder to the working directory', () => {
      const config = workspace.resolve({ toml: '[auth]\njwks_file = "/etc/coresdk/jwks.json"\n' });
      expect(config.auth.jwksFile).toBe('/etc/coresdk/jwks.json');
      expect(config.policies.dir).toBe(join(workspace.dir, 'policies'));
    });
  });

  describe('which toml file is read', () => {
    beforeEach(() => {
      workspace.write('coresdk.toml', `${JWKS_URI_TOML}[sdk]\nservice_name = "default-file"\n`);
      workspace.write('env.toml', `${JWKS_URI_TOML}[sdk]\nservice_name = "env-file"\n`);
      workspace.write('options.toml', `${JWKS_URI_TOML}[sdk]\nservice_name = "options-file"\n`);
    });
    const name = (input: Parameters<TempWorkspace['resolve']>[0]) =>
      workspace.resolve(input).sdk.serviceName;

    it('reads ./coresdk.toml by default', () => expect(name({})).toBe('default-file'));
    it('prefers CORESDK_CONFIG', () =>
      expect(name({ env: { CORESDK_CONFIG: 'env.toml' } })).toBe('env-file'));
    it('prefers options.configFile over CORESDK_CONFIG', () => {
      expect(
        name({ env: { CORESDK_CONFIG: 'env.toml' }, options: { configFile: 'options.toml' } }),
      ).toBe('options-file');
    });
    it('reads no file with configFile: false', () => {
      const config = workspace.resolve({
        env: { CORESDK_CONFIG: 'env.toml' },
        options: { configFile: false, auth: { jwksUri: 'https://i.example/j' } },
      });
      expect(config.configFile).toBeNull();
      expect(config.sdk.serviceName).toBe('coresdk-service');
    });
  });

  it('accepts a missing default file', () => {
    expect(
      workspace.resolve({ env: { CORESDK_JWKS_URI: 'https://i.example/j' } }).configFile,
    ).toBeNull();
  });

  it('reads options.env when no environment is passed', () => {
    const config = resolveCoreSdkConfig({
      configFile: false,
      env: { CORESDK_JWKS_URI: 'https://i.example/j', CORESDK_SERVICE_NAME: 'from-options-env' },
    });
    expect(config.sdk.serviceName).toBe('from-options-env');
  });
});
