/** `coresdk test` and `coresdk build --bundle`, spawned as users run them. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCompiledPolicy } from '../../src';
import { readBundle, verifyBundle } from '../../src/bundle';
import { runCoresdk, tempTree } from './cli-helpers';

const GLOBAL = `package coresdk.authz

default allow := false

allow if input.action == "read"

allow if {
	input.action == "write"
	input.user.role == "editor"
}
`;
const GLOBAL_TESTS = `package coresdk.authz

test_read if allow with input as {"action": "read"}

test_write_needs_editor if not allow with input as {"action": "write", "user": {"role": "viewer"}}
`;
const ACME = `package coresdk.authz

allow if input.action == "analytics"
`;
const ACME_TESTS = `package coresdk.authz

test_analytics if allow with input as {"action": "analytics"}
`;

function project(extra: Record<string, string> = {}): string {
  return tempTree({
    'p/global.rego': GLOBAL,
    'p/global_test.rego': GLOBAL_TESTS,
    'p/tenants/acme.rego': ACME,
    'p/tenants/acme_test.rego': ACME_TESTS,
    ...extra,
  });
}

describe('coresdk test', () => {
  it('prints PASS per test with its location and exits 0', () => {
    const run = runCoresdk(['test', 'p'], project());
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('suite global');
    expect(lines).toContain('suite tenant:acme');
    expect(run.stdout).toMatch(
      /^PASS {2}tenants\/acme_test\.rego:3:1 {2}data\.coresdk\.authz\.test_analytics/m,
    );
    expect(lines.at(-1)).toBe('3 passed, 0 failed');
  });

  it('exits 1 and prints FAIL when a test fails', () => {
    const cwd = project({
      'p/tenants/acme_test.rego': `${ACME_TESTS}\ntest_wrong if allow with input as {"action": "delete"}\n`,
    });
    const run = runCoresdk(['test', 'p'], cwd);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^FAIL {2}tenants\/acme_test\.rego:5:1 {2}data\.coresdk\.authz\.test_wrong: undefined/m,
    );
    expect(run.stdout.trim().split('\n').at(-1)).toBe('3 passed, 1 failed');
  });

  it('selects tests with --run and reports coverage with --coverage', () => {
    const run = runCoresdk(['test', 'p', '--run', 'test_read$', '--coverage'], project());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('data.coresdk.authz.test_read');
    expect(run.stdout).not.toContain('test_analytics');
    expect(run.stdout).toContain('global.rego  50.0% (2/4 lines)  not covered: 7, 9');
    expect(run.stdout).toContain('rules evaluated, never true: allow (line 7)');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('exits 2 on bad usage and 1 on a directory without tests', () => {
    const cwd = project();
    expect(runCoresdk(['test'], cwd).status).toBe(2);
    expect(runCoresdk(['test', 'p', '--run', '('], cwd)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('not a valid regular expression'),
    });
    const empty = runCoresdk(['test', 'q'], tempTree({ 'q/global.rego': GLOBAL }));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('no tests in');
    const help = runCoresdk(['test', '--help'], cwd);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: coresdk test');
  });

  it('leaves *_test.rego files out of build and check', () => {
    const cwd = project();
    expect(runCoresdk(['check', 'p'], cwd)).toMatchObject({ status: 0 });
    const build = runCoresdk(['build', 'p', '-o', 'out'], cwd);
    expect(build.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.tenants)).toEqual(['acme']);
  });
});

describe('coresdk build --bundle', () => {
  it('writes an unsigned OPA bundle whose modules decide', async () => {
    const cwd = project({ 'p/data.json': '{"settings": {"x": 1}}' });
    const run = runCoresdk(
      ['build', 'p', '--bundle', '-o', 'dist/b.tar.gz', '--revision', 'r7'],
      cwd,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('revision r7, 2 module(s), unsigned');
    const bundle = await readBundle(readFileSync(join(cwd, 'dist', 'b.tar.gz')));
    expect(bundle.manifest).toMatchObject({ revision: 'r7', roots: ['coresdk', 'settings'] });
    expect(bundle.data).toEqual({ settings: { x: 1 } });
    const acme = await loadCompiledPolicy(bundle.tenants.get('acme')!);
    expect(acme.evaluate({ action: 'analytics' }, 'coresdk/authz/allow')).toEqual([
      { result: true },
    ]);
    const global = await loadCompiledPolicy(bundle.global!);
    expect(global.evaluate({ action: 'analytics' }, 'coresdk/authz/allow')).toEqual([
      { result: false },
    ]);
  });

  it.each(['RS256', 'ES256'] as const)(
    'signs with %s so that only the matching key verifies',
    async (algorithm) => {
      const pair =
        algorithm === 'RS256'
          ? generateKeyPairSync('rsa', { modulusLength: 2048 })
          : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const cwd = project();
      writeFileSync(join(cwd, 'key.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const run = runCoresdk(
        [
          'build',
          'p',
          '--bundle',
          '-o',
          'b.tar.gz',
          '--signing-key',
          'key.pem',
          '--signing-alg',
          algorithm,
          '--key-id',
          'ci',
        ],
        cwd,
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`signed ${algorithm} (key id ci)`);
      const bytes = readFileSync(join(cwd, 'b.tar.gz'));
      const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
      await expect(verifyBundle(bytes, { publicKey, keyId: 'ci' })).resolves.toMatchObject({
        signature: 'verified',
      });
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
      await expect(verifyBundle(bytes, { publicKey: other })).rejects.toThrow();
    },
  );

  it('refuses bundle options without --bundle and bad signing options', () => {
    const cwd = project();
    expect(runCoresdk(['build', 'p', '-o', 'o', '--revision', 'x'], cwd)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--revision needs --bundle'),
    });
    expect(
      runCoresdk(['build', 'p', '--bundle', '-o', 'b.tgz', '--signing-alg', 'HS256'], cwd),
    ).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--signing-alg must be RS256 or ES256'),
    });
    expect(runCoresdk(['build', 'p', '--bundle', '-o', 'b.tgz', '--key-id', 'k'], cwd).status).toBe(
      2,
    );
    expect(
      runCoresdk(['build', 'p', '--bundle', '-o', 'b.tgz', '--signing-key', 'missing.pem'], cwd),
    ).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('signing key file not found'),
    });
  });
});
