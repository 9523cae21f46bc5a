/**
 * compile() with the real phases, end to end through the public surface: the module loads
 * in opa-wasm and answers entrypoints and queries.
 */
import {
  compile,
  formatDiagnostic,
  loadCompiledPolicy,
  loadCompiledPolicySync,
  parse,
  parseQuery,
} from '../../src';

const AUTHZ = `package coresdk.authz

default allow := false

allow if input.user in data.admins

roles contains role if some role in input.roles
`;

describe('compile (real phases)', () => {
  it('compiles an entrypoint that opa-wasm evaluates', async () => {
    const result = compile([{ path: 'authz.rego', source: AUTHZ }], {
      entrypoints: ['coresdk/authz/allow'],
      regoVersion: 'v1',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.entrypoints)).toEqual(['coresdk/authz/allow']);
    const policy = await loadCompiledPolicy({
      wasm: result.wasm!,
      hostBuiltins: result.hostBuiltins,
    });
    policy.setData({ admins: ['alice'] });
    expect(policy.evaluate({ user: 'alice' }, 'coresdk/authz/allow')).toEqual([{ result: true }]);
    expect(policy.evaluate({ user: 'bob' }, 'coresdk/authz/allow')).toEqual([{ result: false }]);
  });

  it('compiles queries as entrypoints named as given, one binding object per solution', () => {
    const result = compile([{ path: 'authz.rego', source: AUTHZ }], {
      entrypoints: [],
      queries: [{ name: 'roles', source: 'some r in data.coresdk.authz.roles; x := r' }],
      regoVersion: 'v1',
    });
    expect(result.diagnostics).toEqual([]);
    const policy = loadCompiledPolicySync({
      wasm: result.wasm!,
      hostBuiltins: result.hostBuiltins,
    });
    const solutions = policy.evaluate({ roles: ['b', 'a'] }, 'roles') as Array<
      Record<string, unknown>
    >;
    expect(solutions.map((bindings) => bindings.x).sort()).toEqual(['a', 'b']);
    expect(
      solutions.every((bindings) => Object.keys(bindings).every((name) => !name.startsWith('$'))),
    ).toBe(true);
  });

  it('stops at parse errors with diagnostics sorted by file, line and column', () => {
    const result = compile(
      [
        { path: 'b.rego', source: 'package b\n\np if {\n' },
        { path: 'a.rego', source: 'package a\n\np := := 1\n' },
      ],
      { entrypoints: ['a/p'], regoVersion: 'v1' },
    );
    expect(result.ok).toBe(false);
    expect(result.wasm).toBeNull();
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(result.diagnostics.every((diagnostic) => diagnostic.code === 'rego_parse_error')).toBe(
      true,
    );
    expect(result.diagnostics[0].location.file).toBe('a.rego');
    const sources = new Map([['a.rego', 'package a\n\np := := 1\n']]);
    expect(formatDiagnostic(result.diagnostics[0], sources)).toMatch(
      /^a\.rego:3:\d+: rego_parse_error: .+\np := := 1\n *\^$/,
    );
  });

  it('reports checker errors such as unsafe variables', () => {
    const result = compile([{ path: 'a.rego', source: 'package a\n\np if x > 1\n' }], {
      entrypoints: ['a/p'],
      regoVersion: 'v1',
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain(
      'rego_unsafe_var_error',
    );
  });

  it('parses Rego v0 only when asked to', () => {
    const v0 = 'package a\n\np { true }\n';
    expect(
      compile([{ path: 'a.rego', source: v0 }], { entrypoints: ['a/p'], regoVersion: 'v1' }).ok,
    ).toBe(false);
    expect(
      compile([{ path: 'a.rego', source: v0 }], { entrypoints: ['a/p'], regoVersion: 'v0' }).ok,
    ).toBe(true);
  });

  it('never throws on bad input', () => {
    expect(compile(null as never, null as never).ok).toBe(false);
    expect(
      compile([{ path: 'a.rego', source: 42 } as never], { entrypoints: [], regoVersion: 'v1' })
        .diagnostics[0].message,
    ).toMatch(/source must be a string/);
  });

  it('exposes parse and parseQuery', () => {
    expect(
      parse('package a\n\np := 1\n', 'a.rego', { regoVersion: 'v1' }).module?.rules,
    ).toHaveLength(1);
    expect(parseQuery('x := 1', 'q', { regoVersion: 'v1' }).query?.body).toHaveLength(1);
  });
});
