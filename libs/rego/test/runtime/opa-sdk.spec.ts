import { runtimeBytes } from './runtime-harness';
import { splicePolicy } from './spliced-policy';
import { wasm } from './wasm-api';

// The unmodified npm SDK, exactly as the loader uses it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadPolicy, loadPolicySync } = require('@open-policy-agent/opa-wasm');

describe('runtime inside the unmodified @open-policy-agent/opa-wasm', () => {
  const bytes = runtimeBytes();
  const spliced = splicePolicy(bytes);

  it('loads the bare runtime (placeholders) and reports the placeholder entrypoint error', async () => {
    const policy = await loadPolicy(bytes);
    expect(policy.entrypoints).toEqual({});
    expect(() => policy.evaluate({ a: 1 })).toThrow('invalid entrypoint id');
  });

  it('evaluates a spliced policy on the opa_eval fast path', async () => {
    const policy = await loadPolicy(spliced.bytes);
    expect(policy.evaluate({ user: 'bob', roles: ['admin'], n: 1.5 })).toEqual([
      { result: { user: 'bob', roles: ['admin'], n: 1.5 } },
    ]);
    expect(policy.evaluate(undefined)).toEqual([]);
    expect(policy.evaluate({ s: 'é\u0000"\n😀' })).toEqual([{ result: { s: 'é\u0000"\n😀' } }]);
  });

  it('sees data set with setData, repeatedly', () => {
    const policy = loadPolicySync(spliced.bytes);
    expect(policy.evaluate(undefined, 1)).toEqual([{ result: {} }]);
    policy.setData({ users: { alice: ['read'] } });
    expect(policy.evaluate(undefined, 1)).toEqual([{ result: { users: { alice: ['read'] } } }]);
    policy.setData({ other: true });
    expect(policy.evaluate({ x: 1 }, 1)).toEqual([{ result: { other: true } }]);
    expect(policy.evaluate({ x: 1 }, 0)).toEqual([{ result: { x: 1 } }]);
  });

  it('handles inputs much larger than the initial memory', () => {
    const policy = loadPolicySync(spliced.bytes);
    const big = { items: Array.from({ length: 20000 }, (_, i) => ({ id: i, name: `item-${i}` })) };
    const [result] = policy.evaluate(big);
    expect(result.result.items).toHaveLength(20000);
    expect(result.result.items[19999]).toEqual({ id: 19999, name: 'item-19999' });
  });

  it('works on the ABI 1.1 context path too', () => {
    // Reported minor version 1 makes the SDK use opa_eval_ctx_* + eval + opa_json_dump.
    const patched = patchMinorVersion(spliced.bytes, 1);
    const policy = loadPolicySync(patched);
    policy.setData({ k: 'v' });
    expect(policy.evaluate({ a: [1, 2] })).toEqual([{ result: { a: [1, 2] } }]);
    expect(policy.evaluate(undefined, 1)).toEqual([{ result: { k: 'v' } }]);
  });
});

/** Rewrites the initialiser of opa_wasm_abi_minor_version (i32.const 3 → n). */
function patchMinorVersion(bytes: Uint8Array, minor: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const instance = new wasm.Instance(new wasm.Module(bytes), {
    env: new Proxy(
      { memory: new wasm.Memory({ initial: 2 }) },
      {
        get: (target: any, name: string) => target[name] ?? (() => 0),
      },
    ),
  });
  expect(instance.exports.opa_wasm_abi_minor_version.value).toBe(3);
  // Globals section (id 6): find the "i32 const 0x41 03 end" initialiser after "i32 immutable".
  let patched = 0;
  for (let i = 8; i < copy.length - 4; i++) {
    if (
      copy[i] === 0x7f &&
      copy[i + 1] === 0x00 &&
      copy[i + 2] === 0x41 &&
      copy[i + 3] === 3 &&
      copy[i + 4] === 0x0b
    ) {
      copy[i + 3] = minor;
      patched++;
    }
  }
  expect(patched).toBe(1);
  return copy;
}
