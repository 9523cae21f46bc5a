/**
 * Built-ins that run on every decision stay inside the Wasm module: the repository's own
 * policies and the built-ins typical authorization rules use compile to modules that
 * call nothing on the host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CAPABILITIES } from '../../src/builtins/capabilities';
import { compile } from '../../src/compile';

const POLICIES = resolve(__dirname, '..', '..', '..', '..', 'policies');

function hostBuiltinsOf(modules: Array<{ path: string; source: string }>): string[] {
  const result = compile(modules, {
    entrypoints: ['coresdk/authz/allow'],
    regoVersion: 'v1',
    capabilities: DEFAULT_CAPABILITIES,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.hostBuiltins;
}

describe('every-decision built-ins run in the module', () => {
  it('the repository policies call no host built-in, for every tenant', () => {
    const global = {
      path: 'global.rego',
      source: readFileSync(join(POLICIES, 'global.rego'), 'utf8'),
    };
    expect(hostBuiltinsOf([global])).toEqual([]);
    const tenants = readdirSync(join(POLICIES, 'tenants')).filter(
      (file) => file.endsWith('.rego') && !file.endsWith('_test.rego'),
    );
    expect(tenants.length).toBeGreaterThan(0);
    for (const file of tenants) {
      const source = readFileSync(join(POLICIES, 'tenants', file), 'utf8');
      expect(hostBuiltinsOf([global, { path: `tenants/${file}`, source }])).toEqual([]);
    }
  });

  it('typical authorization built-ins need no host call', () => {
    const source = `package coresdk.authz

default allow := false

allow if {
\tstartswith(lower(input.path), "/api/")
\tnot endswith(input.path, ".bak")
\tcount(split(input.path, "/")) <= 8
\trole := object.get(input.user, "role", "viewer")
\trole in {"admin", "editor"}
\tconcat(":", [input.tenant, role]) != ""
\tcontains(trim_space(input.action), ":")
\tsubstring(input.action, 0, 3) == "pro"
\tto_number(input.level) >= 2
\tis_string(input.user.id)
\tjson.unmarshal(input.claims).scope == "write"
\tbase64url.decode(input.token) != ""
\tupper(input.region) == "EU"
\tarray.concat([1], [2]) == [1, 2]
\tobject.union({"a": 1}, {"b": 2}).b == 2
\tx := numbers.range(1, 3)
\tsum(x) == 6
\tnet.cidr_contains("10.0.0.0/8", input.client_ip)
}
`;
    expect(hostBuiltinsOf([{ path: 'p.rego', source }])).toEqual([]);
  });
});
