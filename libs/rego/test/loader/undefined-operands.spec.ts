import type { HostBuiltin } from '../../src/builtins/host';
import type { Stmt } from '../../src/ir/ir';
import { block, local, policy, ruleFunc, rulePlan, stmt, str } from '../wasm/ir-builders';
import { loadIr, resultOf, VARIANTS } from './harness';

/**
 * Each probe runs in its own block and records `key: true` only when all its statements
 * held. Locals 3.. hold input.a, input.b, input.p and input.missing (never set).
 */
function undefinedOperandsPolicy() {
  const [RESULT, A, B, P, MISSING, MERGED, NE, NE_MISSING, CALLED, SET_ADD, INSERT] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ];
  const lookups = [A, B, P].map((key, index) =>
    stmt({
      type: 'BlockStmt',
      blocks: [
        block(stmt({ type: 'DotStmt', source: local(0), key: str(key), target: 3 + index })),
      ],
    }),
  );
  const probe = (key: number, ...stmts: Stmt[]) =>
    stmt({
      type: 'BlockStmt',
      blocks: [
        block(
          ...stmts,
          stmt({
            type: 'ObjectInsertStmt',
            key: str(key),
            value: { kind: 'bool', value: true },
            object: 2,
          }),
        ),
      ],
    });
  return policy({
    strings: [
      'result',
      'a',
      'b',
      'p',
      'missing',
      'merged',
      'ne',
      'ne_missing',
      'called',
      'set_add',
      'insert',
    ],
    builtins: [{ name: 'custom.count', arity: 1 }],
    plans: [rulePlan('test/probes', 'test.probes', RESULT)],
    funcs: [
      ruleFunc('test.probes', [
        block(
          stmt({ type: 'MakeObjectStmt', target: 2 }),
          ...lookups,
          probe(MERGED, stmt({ type: 'ObjectMergeStmt', a: 3, b: 4, target: 10 })),
          probe(NE, stmt({ type: 'NotEqualStmt', a: local(5), b: str(P) })),
          probe(NE_MISSING, stmt({ type: 'NotEqualStmt', a: local(6), b: str(P) })),
          probe(
            CALLED,
            stmt({ type: 'CallStmt', func: 'custom.count', args: [local(6)], result: 11 }),
          ),
          probe(
            SET_ADD,
            stmt({ type: 'MakeSetStmt', target: 12 }),
            stmt({ type: 'SetAddStmt', value: local(6), set: 12 }),
          ),
          probe(
            INSERT,
            stmt({ type: 'MakeObjectStmt', target: 13 }),
            stmt({ type: 'ObjectInsertStmt', key: local(6), value: str(MISSING), object: 13 }),
          ),
        ),
      ]),
    ],
  });
}

describe.each(VARIANTS)('statements on undefined operands fail ($name)', (variant) => {
  it('merge needs two objects; compare, call, add and insert need defined operands', async () => {
    let calls = 0;
    const count: HostBuiltin = { name: 'custom.count', arity: 1, impl: () => ++calls };
    const loaded = await loadIr(variant, undefinedOperandsPolicy(), {
      hostBuiltins: new Map([[count.name, count]]),
    });
    expect(resultOf(loaded.evaluate({ a: { x: 1 }, b: { y: 2 }, p: 'q' }))).toEqual({
      merged: true,
      ne: true,
    });
    expect(resultOf(loaded.evaluate({ a: { x: 1 }, b: 5, p: 'p' }))).toEqual({});
    expect(resultOf(loaded.evaluate({ b: { y: 2 } }))).toEqual({});
    expect(calls).toBe(0);
  });
});
