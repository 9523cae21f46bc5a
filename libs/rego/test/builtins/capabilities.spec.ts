import { BUILTIN_CATALOGUE } from '../../src/builtins/catalogue';
import {
  CapabilitiesError,
  DEFAULT_CAPABILITIES,
  NETWORK_BUILTINS,
  allowedBuiltins,
  enableBuiltins,
  parseCapabilities,
  signatureFromCapability,
} from '../../src/builtins/capabilities';

describe('DEFAULT_CAPABILITIES', () => {
  const names = DEFAULT_CAPABILITIES.builtins.map((entry) => entry.name);

  it('lists every catalogue built-in except the network ones', () => {
    expect(names).not.toContain('http.send');
    expect(names).not.toContain('net.lookup_ip_addr');
    expect(names).not.toContain('opa.runtime');
    expect(names.length).toBe(BUILTIN_CATALOGUE.size - 3);
  });

  it('round-trips through JSON and parseCapabilities to the catalogue signatures', () => {
    const parsed = parseCapabilities(JSON.stringify(DEFAULT_CAPABILITIES));
    for (const entry of parsed.builtins) {
      const { name, ...rest } = signatureFromCapability(entry);
      const { name: _ignored, ...expected } = BUILTIN_CATALOGUE.get(name)!;
      expect({ name, ...rest }).toEqual({ name, ...expected });
    }
  });

  it('writes OPA decl shapes', () => {
    const byName = new Map(DEFAULT_CAPABILITIES.builtins.map((entry) => [entry.name, entry]));
    expect(byName.get('plus')).toEqual({
      name: 'plus',
      decl: {
        type: 'function',
        args: [{ type: 'number' }, { type: 'number' }],
        result: { type: 'number' },
      },
      infix: '+',
    });
    expect(byName.get('print')).toEqual({
      name: 'print',
      decl: { type: 'function', variadic: { type: 'any' } },
    });
    expect(byName.get('time.now_ns')?.nondeterministic).toBe(true);
  });
});

describe('parseCapabilities', () => {
  it('accepts an OPA capabilities document with unknown built-ins', () => {
    const parsed = parseCapabilities({
      builtins: [
        {
          name: 'plus',
          decl: {
            type: 'function',
            args: [{ type: 'number' }, { type: 'number' }],
            result: { type: 'number' },
          },
          infix: '+',
        },
        {
          name: 'custom.lookup',
          decl: {
            type: 'function',
            args: [{ type: 'array', static: [{ type: 'string' }], dynamic: { type: 'number' } }],
            result: { type: 'object', static: [{ key: 'ok', value: { type: 'boolean' } }] },
          },
        },
      ],
      features: ['rego_v1'],
      allow_net: ['example.com'],
    });
    const allowed = allowedBuiltins(parsed);
    expect([...allowed.keys()]).toEqual(['plus', 'custom.lookup']);
    expect(allowed.get('custom.lookup')?.args).toHaveLength(1);
    expect(allowed.get('custom.lookup')?.result).toEqual({
      kind: 'object',
      key: { kind: 'any' },
      value: { kind: 'any' },
      fields: { ok: { kind: 'boolean' } },
    });
    expect(parsed.allow_net).toEqual(['example.com']);
  });

  it.each([
    ['{', /not JSON/],
    ['[]', /expected a JSON object/],
    ['{}', /builtins.*expected an array/],
    ['{"builtins": [{"decl": {"type": "function"}}]}', /missing "name"/],
    ['{"builtins": [{"name": "f"}]}', /builtins\[0\] \(f\).*"decl"/],
    [
      '{"builtins": [{"name": "f", "decl": {"type": "function", "args": [{"type": "integer"}]}}]}',
      /unknown type "integer"/,
    ],
    [
      '{"builtins": [{"name": "f", "decl": {"type": "function"}}, {"name": "f", "decl": {"type": "function"}}]}',
      /duplicate built-in f/,
    ],
    ['{"builtins": [], "features": [1]}', /features.*array of strings/],
    ['{"builtins": [], "wasm_abi_versions": [{"version": "1"}]}', /wasm_abi_versions/],
  ])('rejects %s', (text, message) => {
    expect(() => parseCapabilities(text)).toThrow(CapabilitiesError);
    expect(() => parseCapabilities(text)).toThrow(message);
  });
});

describe('enableBuiltins', () => {
  it('adds catalogue built-ins to a copy, once', () => {
    const enabled = enableBuiltins(DEFAULT_CAPABILITIES, ['http.send', 'http.send', 'upper']);
    const names = enabled.builtins.map((entry) => entry.name);
    expect(names.filter((name) => name === 'http.send')).toHaveLength(1);
    expect(names.filter((name) => name === 'upper')).toHaveLength(1);
    expect(names).toHaveLength(DEFAULT_CAPABILITIES.builtins.length + 1);
    expect(DEFAULT_CAPABILITIES.builtins.some((entry) => entry.name === 'http.send')).toBe(false);
    expect(allowedBuiltins(enabled).get('http.send')?.network).toBe(true);
  });

  it('names the network built-ins and rejects unknown names', () => {
    expect([...NETWORK_BUILTINS].sort()).toEqual([
      'http.send',
      'net.lookup_ip_addr',
      'opa.runtime',
    ]);
    expect(() => enableBuiltins(DEFAULT_CAPABILITIES, ['http.get'])).toThrow(CapabilitiesError);
  });
});
