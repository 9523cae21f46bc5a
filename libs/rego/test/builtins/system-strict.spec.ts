/**
 * The in-process network built-ins, trace, and how host built-in errors surface through
 * the whole pipeline (compile → opa-wasm) with and without strict built-in errors.
 */
import { DEFAULT_CAPABILITIES, enableBuiltins } from '../../src/builtins/capabilities';
import { compile } from '../../src/compile';
import { loadCompiledPolicy } from '../../src/loader';
import { call, callError } from './host-test-helpers';

describe('http.send / net.lookup_ip_addr / opa.runtime (in-process)', () => {
  it('never reaches the network', () => {
    const request = { method: 'GET', url: 'https://example.com' };
    expect(callError('http.send', request).message).toBe(
      'http.send: network access is not available to policies evaluated in-process',
    );
    expect(call('http.send', { ...request, raise_error: false })).toEqual({
      status_code: 0,
      error: {
        code: 'eval_http_send_network_error',
        message: 'http.send: network access is not available to policies evaluated in-process',
      },
    });
    expect(callError('http.send', { url: 'x' }).message).toContain('"method" and "url"');
    expect(callError('http.send', 'x').code).toBe('eval_type_error');
    expect(callError('net.lookup_ip_addr', 'example.com').code).toBe('eval_builtin_error');
    expect(callError('net.lookup_ip_addr', 1).code).toBe('eval_type_error');
  });

  it('gives opa.runtime no environment or configuration', () => {
    expect(call('opa.runtime')).toEqual({});
  });

  it('trace accepts only a string note', () => {
    expect(call('trace', 'note')).toBe(true);
    expect(callError('trace', 1).message).toBe('trace: operand 1 must be string but got number');
  });
});

async function evaluate(
  source: string,
  options: { strict: boolean; input?: unknown; print?: (line: string) => void },
): Promise<unknown> {
  const compiled = compile([{ path: 'test.rego', source }], {
    entrypoints: ['test/p'],
    regoVersion: 'v1',
    capabilities: enableBuiltins(DEFAULT_CAPABILITIES, ['http.send']),
    strictBuiltinErrors: options.strict,
  });
  if (!compiled.ok || !compiled.wasm) throw new Error(JSON.stringify(compiled.diagnostics));
  const policy = await loadCompiledPolicy(
    { wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins },
    { strictBuiltinErrors: options.strict, print: options.print },
  );
  return policy.evaluate(options.input ?? {}, 'test/p');
}

describe('host built-in errors through opa-wasm', () => {
  const splitN = 'package test\n\np := strings.split_n("a.b", ".", input.n)\n';

  it('are undefined without strict mode and carry OPA codes with it', async () => {
    await expect(evaluate(splitN, { strict: false, input: { n: 1.5 } })).resolves.toEqual([]);
    await expect(evaluate(splitN, { strict: true, input: { n: 1 } })).resolves.toEqual([
      { result: ['a'] },
    ]);
    await expect(evaluate(splitN, { strict: true, input: { n: 1.5 } })).rejects.toThrow(
      'eval_type_error: strings.split_n: operand 3 must be integer number but got floating-point number',
    );
    const semver = 'package test\n\np := semver.compare(input.v, "1.0.0")\n';
    await expect(evaluate(semver, { strict: true, input: { v: 'x' } })).rejects.toThrow(
      /^eval_builtin_error: semver\.compare: /,
    );
  });

  it('lets a mocked http.send run while the real one stays offline', async () => {
    const source = `package test

mock(_) := {"status_code": 200}

allowed if http.send({"method": "GET", "url": "https://example.com"}).status_code == 200

p := [a, b] if {
\ta := allowed with http.send as mock
\tb := object.get({}, "x", "offline")
\tnot allowed
}
`;
    await expect(evaluate(source, { strict: false })).resolves.toEqual([
      { result: [true, 'offline'] },
    ]);
  });

  it('sends trace notes to the print sink', async () => {
    const lines: string[] = [];
    const source = 'package test\n\np if {\n\ttrace("checked")\n\tprint("printed", 1)\n}\n';
    await expect(
      evaluate(source, { strict: false, print: (line) => lines.push(line) }),
    ).resolves.toEqual([{ result: true }]);
    expect(lines).toEqual(['trace: checked', 'printed 1']);
  });
});
