import { allowPolicy, conflictPolicy, usersPolicy, withPolicy } from '../wasm/sample-policies';
import { loadIr, resultOf, VARIANTS } from './harness';

describe.each(VARIANTS)('compiled IR in opa-wasm ($name)', (variant) => {
  it('evaluates a complete rule over input', async () => {
    const policy = await loadIr(variant, allowPolicy());
    expect(policy.evaluate({ x: 1 }, 'test/allow')).toEqual([{ result: true }]);
    expect(policy.evaluate({ x: 2 }, 'test/allow')).toEqual([]);
    expect(policy.evaluate({ x: 1.0 })).toEqual([{ result: true }]);
    expect(policy.evaluate(undefined)).toEqual([]);
    expect(policy.evaluate({ x: '1' })).toEqual([]);
  });

  it('exposes entrypoints and rejects unknown ones', async () => {
    const policy = await loadIr(variant, usersPolicy());
    expect(policy.entrypoints).toEqual({
      'test/admins': 0,
      'test/deny': 1,
      'test/user_count': 2,
      'test/big': 3,
    });
    expect(() => policy.evaluate({}, 'test/nope')).toThrow();
    expect(() => policy.evaluate({}, 17)).toThrow(/invalid entrypoint id/);
  });

  it('iterates over data, negates, counts, and keeps number constants exact', async () => {
    const policy = await loadIr(variant, usersPolicy());
    expect(resultOf(policy.evaluate({}, 'test/admins'))).toEqual([]);
    expect(policy.evaluate({}, 'test/user_count')).toEqual([]);
    policy.setData({
      users: [
        { name: 'ann', role: 'admin' },
        { name: 'bob', role: 'dev' },
        { name: 'cy', role: 'admin' },
        { name: 'ann', role: 'admin' },
        { role: 'admin' },
      ],
    });
    expect((resultOf(policy.evaluate({}, 'test/admins')) as string[]).sort()).toEqual([
      'ann',
      'cy',
    ]);
    expect(resultOf(policy.evaluate({}, 'test/user_count'))).toBe(5);
    expect(resultOf(policy.evaluate({ x: 1 }, 'test/deny'))).toBeUndefined();
    expect(resultOf(policy.evaluate({ x: 3 }, 'test/deny'))).toBe(true);
    expect(resultOf(policy.evaluate(undefined, 'test/deny'))).toBe(true);
    const big = resultOf(policy.evaluate({}, 'test/big')) as number[];
    expect(big[1]).toBe(0.5);
    expect(String(big[0])).toBe(String(Number('12345678901234567890')));
  });

  it('aborts on conflicts and accepts repeated equal values', async () => {
    const policy = await loadIr(variant, conflictPolicy());
    expect(resultOf(policy.evaluate({ items: [7, 7] }, 'test/value'))).toBe(7);
    expect(() => policy.evaluate({ items: [7, 8] }, 'test/value')).toThrow(
      /var assignment conflict/,
    );
    expect(
      resultOf(
        policy.evaluate(
          {
            pairs: [
              ['a', 1],
              ['b', 2],
              ['a', 1],
            ],
          },
          'test/obj',
        ),
      ),
    ).toEqual({ a: 1, b: 2 });
    expect(() =>
      policy.evaluate(
        {
          pairs: [
            ['a', 1],
            ['a', 2],
          ],
        },
        'test/obj',
      ),
    ).toThrow(/object insert conflict/);
    // The instance stays usable after an abort.
    expect(resultOf(policy.evaluate({ items: [3] }, 'test/value'))).toBe(3);
  });

  it('applies with to input, restores it, and keeps memoisation out of the with', async () => {
    const policy = await loadIr(variant, withPolicy());
    expect(resultOf(policy.evaluate({ x: 2 }))).toEqual({
      with: true,
      input_seen: { x: 1 },
      continued: { x: 2 },
    });
    expect(resultOf(policy.evaluate({ x: 1, y: 0 }))).toEqual({
      plain: true,
      with: true,
      after: true,
      input_seen: { x: 1, y: 0 },
      continued: { x: 1, y: 0 },
    });
    // Input undefined: the with still builds {"x": 1}; `continued` records undefined input (absent).
    expect(resultOf(policy.evaluate(undefined))).toEqual({ with: true, input_seen: { x: 1 } });
  });

  it('resets the heap between many evaluations and setData calls', async () => {
    const policy = await loadIr(variant, usersPolicy());
    for (let round = 0; round < 50; round++) {
      const users = Array.from({ length: round % 7 }, (_, index) => ({
        name: `u${index}`,
        role: index % 2 ? 'admin' : 'dev',
      }));
      policy.setData({ users });
      for (let repeat = 0; repeat < 20; repeat++) {
        expect(resultOf(policy.evaluate({ x: repeat }, 'test/user_count'))).toBe(users.length);
      }
      expect((resultOf(policy.evaluate({}, 'test/admins')) as string[]).length).toBe(
        users.filter((user) => user.role === 'admin').length,
      );
    }
  });

  it('grows memory for large inputs and data', async () => {
    const policy = await loadIr(variant, usersPolicy());
    const users = Array.from({ length: 20000 }, (_, index) => ({
      name: `user-${index}`,
      role: index % 100 === 0 ? 'admin' : 'dev',
    }));
    policy.setData({ users });
    expect(resultOf(policy.evaluate({ padding: 'x'.repeat(2_000_000) }, 'test/user_count'))).toBe(
      20000,
    );
    expect((resultOf(policy.evaluate({}, 'test/admins')) as string[]).length).toBe(200);
  });
});
