/**
 * net.cidr_contains runs inside the module (IP allow-lists run on every decision). The
 * in-module version must answer exactly as the host version (Go's net semantics) does.
 */
import { compile } from '../../src/compile';
import { loadCompiledPolicy } from '../../src/loader';
import { call, callError } from './host-test-helpers';

const CASES: Array<[string, string]> = [
  ['10.0.0.0/8', '10.1.2.3'],
  ['10.0.0.0/8', '11.0.0.1'],
  ['10.1.2.3/8', '10.200.0.0'],
  ['192.168.1.0/24', '192.168.1.0/25'],
  ['192.168.1.0/24', '192.168.0.0/23'],
  ['192.168.1.0/24', '192.168.1.255'],
  ['0.0.0.0/0', '255.255.255.255'],
  ['1.2.3.4/32', '1.2.3.4'],
  ['1.2.3.4/32', '1.2.3.5'],
  ['2001:db8::/32', '2001:db8:1::1'],
  ['2001:db8::/32', '2001:db9::1'],
  ['2001:db8::/32', '2001:db8:ffff::/48'],
  ['2001:db8::/64', '2001:0db8:0000:0000:ffff:ffff:ffff:ffff'],
  ['::/0', '::1'],
  ['::/0', '1.2.3.4'],
  ['10.0.0.0/8', '::ffff:10.0.0.1'],
  ['::ffff:10.0.0.0/104', '10.0.0.7'],
  ['::ffff:0:0/64', '10.0.0.1'],
  ['fe80::1:2:3:4/120', 'fe80::1:2:3:ff'],
  ['64:ff9b::/96', '64:ff9b::192.0.2.33'],
  ['1::/16', '1:0:0:0:0:0:0:1'],
];

const INVALID: Array<[string, string]> = [
  ['10.0.0.0/33', '10.0.0.1'],
  ['10.0.0.0', '10.0.0.1'],
  ['010.0.0.0/8', '10.0.0.1'],
  ['10.0.0.0/8', '10.0.0'],
  ['10.0.0.0/8', '10.0.0.256'],
  ['2001:db8::1::/32', '::1'],
  ['::/0', 'fe80::1%eth0'],
  ['::/0', '1:2:3:4:5:6:7:8:9'],
  ['::/0', '12345::'],
  ['::/0', '::g'],
  ['::/0', '1.2.3.4::'],
  ['::/0', ':1::'],
  ['::/0', '1:2:3:4:5:6:7'],
  ['::/0', '1:2:3:4:5:6:7:8::'],
];

async function inModule(cases: Array<[string, string]>, strict: boolean) {
  const source =
    'package test\n\np[i] := net.cidr_contains(c[0], c[1]) if some i, c in input.cases\n';
  const compiled = compile([{ path: 'net.rego', source }], {
    entrypoints: ['test/p'],
    regoVersion: 'v1',
    strictBuiltinErrors: strict,
  });
  if (!compiled.ok || !compiled.wasm) throw new Error(JSON.stringify(compiled.diagnostics));
  expect(compiled.hostBuiltins).toEqual([]);
  const policy = await loadCompiledPolicy(
    { wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins },
    { strictBuiltinErrors: strict },
  );
  try {
    return policy.evaluate({ cases }, 'test/p') as Array<{ result: Record<string, boolean> }>;
  } catch (error) {
    // opa-wasm throws the module's abort message as a plain string.
    throw error instanceof Error ? error : new Error(String(error));
  }
}

describe('net.cidr_contains in the module', () => {
  it('answers as the host version on every case', async () => {
    const [{ result }] = await inModule(CASES, true);
    const expected = Object.fromEntries(
      CASES.map(([cidr, ip], index) => [String(index), call('net.cidr_contains', cidr, ip)]),
    );
    expect(result).toEqual(expected);
    // The table is not trivially one-sided.
    expect(Object.values(result)).toContain(true);
    expect(Object.values(result)).toContain(false);
  });

  it.each(INVALID)('%s contains %s: undefined, or an error in strict mode', async (cidr, ip) => {
    const hostError = callError('net.cidr_contains', cidr, ip);
    await expect(inModule([[cidr, ip]], false)).resolves.toEqual([{ result: {} }]);
    await expect(inModule([[cidr, ip]], true)).rejects.toThrow(
      `eval_builtin_error: ${hostError.message}`,
    );
  });

  it('reports a non-string operand as a type error', async () => {
    const policy = 'package test\n\np := net.cidr_contains(input.cidr, "1.2.3.4")\n';
    const compiled = compile([{ path: 'net.rego', source: policy }], {
      entrypoints: ['test/p'],
      regoVersion: 'v1',
      strictBuiltinErrors: true,
    });
    if (!compiled.wasm) throw new Error(JSON.stringify(compiled.diagnostics));
    const loaded = await loadCompiledPolicy(
      { wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins },
      { strictBuiltinErrors: true },
    );
    expect(() => loaded.evaluate({ cidr: 1 }, 'test/p')).toThrow(
      'eval_type_error: net.cidr_contains: operand 1 must be string but got number',
    );
  });
});
