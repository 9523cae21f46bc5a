import { BuiltinError } from '../../src/builtins/builtin-error';
import { HOST_BUILTINS, type HostBuiltin } from '../../src/builtins/host';
import { loadCompiledPolicySync, PolicyLoadError } from '../../src/loader';
import { buildCustomBuiltins } from '../../src/loader/custom-builtins';
import { formatPrintOperands } from '../../src/loader/print';
import { hostBuiltinPolicy } from '../wasm/sample-policies';
import { compileIr, loadIr, resultOf, VARIANTS } from './harness';

function registry(clock: () => number): ReadonlyMap<string, HostBuiltin> {
  const double: HostBuiltin = {
    name: 'custom.double',
    arity: 1,
    impl: (value: unknown) => {
      if (typeof value !== 'number')
        throw BuiltinError.operandType('custom.double', 1, 'number', value);
      return value * 2;
    },
  };
  const now: HostBuiltin = { name: 'time.now_ns', arity: 0, impl: () => clock() };
  // sprintf is ours too (OPA's Go formatting), not the SDK's sprintf-js.
  const sprintf = HOST_BUILTINS.get('sprintf') as HostBuiltin;
  return new Map([
    [double.name, double],
    [now.name, now],
    [sprintf.name, sprintf],
  ]);
}

describe.each(VARIANTS)('host built-ins ($name)', (variant) => {
  it('lists host built-ins in builtins() and calls them through opa_builtinN', async () => {
    const policy = await loadIr(variant, hostBuiltinPolicy(), { hostBuiltins: registry(() => 1) });
    expect(resultOf(policy.evaluate({ n: 21 }, 'test/doubled'))).toBe(42);
    expect(resultOf(policy.evaluate({ n: 4 }, 'test/label'))).toBe('n=4');
  });

  it('memoises a non-deterministic built-in within one evaluation only', async () => {
    let ticks = 0;
    const policy = await loadIr(variant, hostBuiltinPolicy(), {
      hostBuiltins: registry(() => ++ticks),
    });
    const [first, second] = resultOf(policy.evaluate({}, 'test/now')) as number[];
    expect(first).toBe(second);
    const [third] = resultOf(policy.evaluate({}, 'test/now')) as number[];
    expect(third).toBeGreaterThan(first);
    expect(ticks).toBe(2);
  });

  it('turns a BuiltinError into undefined, or into its OPA code (eval_type_error for an operand type) in strict mode', async () => {
    const lenient = await loadIr(variant, hostBuiltinPolicy(), { hostBuiltins: registry(() => 1) });
    expect(lenient.evaluate({ n: 'two' }, 'test/doubled')).toEqual([]);
    const strict = await loadIr(variant, hostBuiltinPolicy(), {
      hostBuiltins: registry(() => 1),
      strictBuiltinErrors: true,
    });
    expect(() => strict.evaluate({ n: 'two' }, 'test/doubled')).toThrow(
      /^eval_type_error: custom.double: operand 1 must be number but got string$/,
    );
    expect(resultOf(strict.evaluate({ n: 5 }, 'test/doubled'))).toBe(10);
  });
});

describe('loader errors', () => {
  it('names every host built-in nobody implements', () => {
    const compiled = compileIr(hostBuiltinPolicy());
    expect(compiled.hostBuiltins).toEqual(['time.now_ns', 'custom.double', 'coresdk.host.sprintf']);
    expect(() => loadCompiledPolicySync(compiled, { hostBuiltins: new Map() })).toThrow(
      PolicyLoadError,
    );
    expect(() => loadCompiledPolicySync(compiled, { hostBuiltins: new Map() })).toThrow(
      /host built-ins time.now_ns, custom.double, coresdk.host.sprintf that no host implementation provides/,
    );
  });

  it('refuses a failed compile and a module that is not wasm', () => {
    expect(() => loadCompiledPolicySync({ wasm: new Uint8Array(0), hostBuiltins: [] })).toThrow(
      /has no wasm module/,
    );
    expect(() =>
      loadCompiledPolicySync({ wasm: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), hostBuiltins: [] }),
    ).toThrow(/not a valid compiled policy/);
  });

  it('lets non-BuiltinError exceptions propagate', () => {
    const broken: HostBuiltin = {
      name: 'custom.broken',
      arity: 0,
      impl: () => {
        throw new TypeError('bug');
      },
    };
    const custom = buildCustomBuiltins(['custom.broken'], new Map([[broken.name, broken]]), {
      strictBuiltinErrors: false,
    });
    expect(() => custom['custom.broken']()).toThrow(TypeError);
  });
});

describe('print', () => {
  it('formats operands as OPA does and sends them to the print option', () => {
    expect(formatPrintOperands([['hello'], [1, 2], [], [{ a: [true] }]])).toBe(
      'hello 1, 2 <undefined> {"a":[true]}',
    );
    const lines: string[] = [];
    const custom = buildCustomBuiltins(['internal.print'], new Map(), {
      strictBuiltinErrors: false,
      print: (line) => lines.push(line),
    });
    expect(custom['internal.print']([['x'], [3]])).toBe(true);
    expect(lines).toEqual(['x 3']);
  });
});
