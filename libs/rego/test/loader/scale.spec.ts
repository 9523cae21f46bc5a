import type { Func, Plan } from '../../src/ir/ir';
import { loadCompiledPolicySync } from '../../src/loader';
import { block, local, policy, ruleFunc, stmt, str } from '../wasm/ir-builders';
import { compileIr, resultOf } from './harness';

/**
 * `r<i> if input.k == "<i>"` for many rules, plus one entrypoint per rule, and `any_rule`
 * which collects the names of the rules that hold (calling every rule function).
 */
function manyRulesPolicy(count: number) {
  const strings = ['result', 'k', 'any'];
  const funcs: Func[] = [];
  const plans: Plan[] = [];
  for (let index = 0; index < count; index++) {
    const value = strings.push(String(index)) - 1;
    funcs.push(
      ruleFunc(`r${index}`, [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({ type: 'EqualStmt', a: local(3), b: str(value) }),
          stmt({ type: 'AssignVarOnceStmt', source: str(value), target: 2 }),
        ),
      ]),
    );
  }
  const collect = funcs.map((func) =>
    stmt({
      type: 'BlockStmt',
      blocks: [
        block(
          stmt({ type: 'CallStmt', func: func.name, args: [local(0), local(1)], result: 3 }),
          stmt({ type: 'SetAddStmt', value: local(3), set: 2 }),
        ),
      ],
    }),
  );
  funcs.push(ruleFunc('any_rule', [block(stmt({ type: 'MakeSetStmt', target: 2 }), ...collect)]));
  for (const func of funcs) {
    plans.push({
      name: `test/${func.name}`,
      blocks: [
        block(
          stmt({ type: 'CallStmt', func: func.name, args: [local(0), local(1)], result: 2 }),
          stmt({ type: 'MakeObjectStmt', target: 3 }),
          stmt({ type: 'ObjectInsertStmt', key: str(0), value: local(2), object: 3 }),
          stmt({ type: 'ResultSetAddStmt', value: 3 }),
        ),
      ],
    });
  }
  return policy({ strings, plans, funcs });
}

describe('scale', () => {
  it('compiles and runs a policy with 1500 rules and entrypoints', () => {
    const compiled = compileIr(manyRulesPolicy(1500));
    expect(Object.keys(compiled.entrypoints)).toHaveLength(1501);
    const loaded = loadCompiledPolicySync(compiled, { memoryPages: 20 });
    expect(loaded.mem.buffer.byteLength).toBeGreaterThanOrEqual(20 * 65536);
    expect(resultOf(loaded.evaluate({ k: '1234' }, 'test/r1234'))).toBe('1234');
    expect(loaded.evaluate({ k: '1234' }, 'test/r1233')).toEqual([]);
    expect(resultOf(loaded.evaluate({ k: '7' }, 'test/any_rule'))).toEqual(['7']);
    expect(resultOf(loaded.evaluate({ k: 'none' }, 'test/any_rule'))).toEqual([]);
  });
});
