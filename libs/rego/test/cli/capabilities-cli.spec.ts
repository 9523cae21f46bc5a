/** `--capabilities FILE` and `--strict-builtin-errors` on build, check and eval. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CAPABILITIES } from '../../src/builtins/capabilities';
import { runCoresdk, tempTree } from './cli-helpers';

const HTTP_POLICY = `package coresdk.authz

default allow := false

allow if {
\tresponse := http.send({"method": "GET", "url": "https://example.com"})
\tresponse.status_code == 200
}
`;

const UPPER_POLICY = `package coresdk.authz

default allow := false

allow if upper(input.user) == "ALICE"

version := semver.compare(input.version, "1.0.0")
`;

/** The default capabilities plus http.send: the documented way to enable one built-in. */
function withHttpSend(): string {
  const httpSend = {
    name: 'http.send',
    decl: { type: 'function', args: [{ type: 'object' }], result: { type: 'object' } },
    nondeterministic: true,
  };
  return JSON.stringify({
    ...DEFAULT_CAPABILITIES,
    builtins: [...DEFAULT_CAPABILITIES.builtins, httpSend],
  });
}

/** Capabilities that allow the operators and `upper`, but not `semver.compare`. */
function withoutSemver(): string {
  return JSON.stringify({
    builtins: DEFAULT_CAPABILITIES.builtins.filter((entry) => entry.name !== 'semver.compare'),
  });
}

describe('coresdk --capabilities', () => {
  it('refuses network built-ins by default and allows them when the file enables them', () => {
    const cwd = tempTree({ 'p/global.rego': HTTP_POLICY, 'http.json': withHttpSend() });
    const refused = runCoresdk(['check', 'p'], cwd);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'global.rego:6:14: rego_type_error: undefined function http.send',
    );
    const built = runCoresdk(['build', 'p', '-o', 'out', '--capabilities', 'http.json'], cwd);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.strictBuiltinErrors).toBe(false);
    expect(manifest.global.hostBuiltins).toContain('http.send');
  });

  it('rejects a call outside the capabilities with its name and location', () => {
    const cwd = tempTree({ 'p/global.rego': UPPER_POLICY, 'caps.json': withoutSemver() });
    const run = runCoresdk(['build', 'p', '-o', 'out', '--capabilities', 'caps.json'], cwd);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'global.rego:7:12: rego_type_error: undefined function semver.compare',
    );
    expect(run.stderr).toContain('build failed: nothing written');
  });

  it('reports a missing or malformed capabilities file with exit 1', () => {
    const cwd = tempTree({ 'p/global.rego': UPPER_POLICY, 'bad.json': '{"builtins": 3}' });
    expect(runCoresdk(['check', 'p', '--capabilities', 'none.json'], cwd)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('capabilities file not found: none.json'),
    });
    expect(runCoresdk(['check', 'p', '--capabilities', 'bad.json'], cwd)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('bad.json: invalid capabilities (builtins)'),
    });
  });
});

describe('coresdk eval --strict-builtin-errors', () => {
  it('turns a failing built-in into an evaluation error', () => {
    const cwd = tempTree({
      'p/global.rego': UPPER_POLICY,
      'input.json': JSON.stringify({ user: 'alice', version: 'not-semver' }),
    });
    const query = 'data.coresdk.authz.version';
    const lenient = runCoresdk(['eval', '-d', 'p', '-i', 'input.json', query], cwd);
    expect(lenient.status).toBe(0);
    expect(JSON.parse(lenient.stdout)).toEqual({});
    const strict = runCoresdk(
      ['eval', '-d', 'p', '-i', 'input.json', '--strict-builtin-errors', query],
      cwd,
    );
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(
      'evaluation failed: eval_builtin_error: semver.compare: operand 1: string "not-semver" is not a valid SemVer',
    );
  });

  it('writes print and trace lines to stderr, keeping stdout the JSON result', () => {
    const source = 'package t\n\np if {\n\tprint("seen", input.n)\n\ttrace("traced")\n}\n';
    const cwd = tempTree({ 'p/global.rego': source, 'input.json': '{"n": 3}' });
    const run = runCoresdk(['eval', '-d', 'p', '-i', 'input.json', 'data.t.p'], cwd);
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')).toEqual(expect.arrayContaining(['seen 3', 'trace: traced']));
    expect(JSON.parse(run.stdout).result[0].expressions[0].value).toBe(true);
  });
});
