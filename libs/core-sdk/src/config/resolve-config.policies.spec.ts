import { join } from 'node:path';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

/** `[policies]` source keys: dir, bundle file or bundle server, reload settings. */
describe('resolveCoreSdkConfig [policies] sources', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it('defaults to the policy directory, unwatched, polling every 30 s', () => {
    const config = workspace.resolve({ toml: JWKS_URI_TOML });
    expect(config.policies).toMatchObject({
      source: 'dir',
      bundleFile: null,
      bundleUrl: null,
      pollIntervalMs: 30_000,
      verificationKeyFile: null,
      watch: false,
    });
  });

  it('reads every key from the toml file, resolving paths against it', () => {
    const config = workspace.resolve({
      toml:
        JWKS_URI_TOML +
        '[policies]\nsource = "bundle"\nbundle_file = "dist/bundle.tar.gz"\n' +
        'poll_interval = "300ms"\nverification_key_file = "keys/bundle.pem"\nwatch = true\n',
    });
    expect(config.policies).toMatchObject({
      source: 'bundle',
      bundleFile: join(workspace.dir, 'dist/bundle.tar.gz'),
      pollIntervalMs: 300,
      verificationKeyFile: join(workspace.dir, 'keys/bundle.pem'),
      watch: true,
    });
  });

  it('reads the CORESDK_POLICY_* variables, and a bundle URL alone selects the bundle source', () => {
    const config = workspace.resolve({
      toml: JWKS_URI_TOML,
      env: {
        CORESDK_POLICY_BUNDLE_URL: 'https://bundles.example/coresdk.tar.gz',
        CORESDK_POLICY_POLL_INTERVAL: '5s',
        CORESDK_POLICY_WATCH: 'true',
        CORESDK_POLICY_VERIFICATION_KEY_FILE: '/run/keys/bundle.pem',
      },
    });
    expect(config.policies).toMatchObject({
      source: 'bundle',
      bundleUrl: 'https://bundles.example/coresdk.tar.gz',
      pollIntervalMs: 5_000,
      watch: true,
      verificationKeyFile: '/run/keys/bundle.pem',
    });
  });

  it('takes forRoot options over the environment', () => {
    const config = workspace.resolve({
      toml: JWKS_URI_TOML,
      env: { CORESDK_POLICY_BUNDLE_FILE: '/srv/b.tar.gz', CORESDK_POLICY_WATCH: 'false' },
      options: { policies: { bundleFile: '/srv/other.tar.gz', watch: true } },
    });
    expect(config.policies).toMatchObject({
      source: 'bundle',
      bundleFile: '/srv/other.tar.gz',
      watch: true,
    });
  });

  it.each([
    [
      'an unknown source',
      '[policies]\nsource = "git"\n',
      '= "git" is not valid: use "dir" or "bundle"',
    ],
    [
      'a bundle source without a place to read it',
      '[policies]\nsource = "bundle"\n',
      'needs bundle_file (a .tar.gz from `coresdk build --bundle`) or bundle_url',
    ],
    [
      'a directory source next to a bundle file',
      '[policies]\nsource = "dir"\nbundle_file = "b.tar.gz"\n',
      'source = "bundle" to load the bundle',
    ],
    [
      'two bundle sources',
      '[policies]\nbundle_file = "b.tar.gz"\nbundle_url = "https://b.example/b.tar.gz"\n',
      'keep only one bundle source',
    ],
    [
      'a bundle URL over plain http to another host',
      '[policies]\nbundle_url = "http://bundles.example/b.tar.gz"\n',
      'uses plain http',
    ],
    ['a zero poll interval', '[policies]\npoll_interval = "0s"\n', 'must be longer than that'],
    ['watch that is not a boolean', '[policies]\nwatch = "yes"\n', 'must be true or false'],
  ])('rejects %s', (_name, toml, problem) => {
    const error = workspace.fail({ toml: JWKS_URI_TOML + toml });
    expect(error.problems).toEqual([expect.stringContaining(problem)]);
  });

  it('accepts plain http to a loopback bundle server', () => {
    const config = workspace.resolve({
      toml: JWKS_URI_TOML + '[policies]\nbundle_url = "http://127.0.0.1:8181/bundle.tar.gz"\n',
    });
    expect(config.policies.bundleUrl).toBe('http://127.0.0.1:8181/bundle.tar.gz');
  });
});
