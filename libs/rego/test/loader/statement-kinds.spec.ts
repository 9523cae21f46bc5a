import { policy } from '../wasm/ir-builders';
import { statementKindsPolicy } from '../wasm/sample-policies';
import { loadIr, resultOf, VARIANTS } from './harness';

describe.each(VARIANTS)('statement kinds ($name)', (variant) => {
  it('type tests, merge, null, length, reset', async () => {
    const loaded = await loadIr(variant, statementKindsPolicy());
    const base = { null: null, reset: true, fresh_set: true };
    expect(resultOf(loaded.evaluate({ v: [1] }))).toEqual({ ...base, kind: 'array' });
    expect(resultOf(loaded.evaluate({ v: { a: 1 } }))).toEqual({ ...base, kind: 'object' });
    expect(resultOf(loaded.evaluate({ v: 'text', s: 'héllo' }))).toEqual({ ...base, len: 5 });
    expect(
      resultOf(loaded.evaluate({ a: { x: 1, n: { p: 1 } }, b: { y: 2, n: { q: 2 } } })),
    ).toEqual({ ...base, merged: { x: 1, y: 2, n: { p: 1, q: 2 } } });
  });

  it('a policy without entrypoints loads and rejects every id', async () => {
    const loaded = await loadIr(variant, policy({ strings: [], plans: [] }));
    expect(loaded.entrypoints).toEqual({});
    expect(() => loaded.evaluate({}, 0)).toThrow(/invalid entrypoint id/);
  });
});
