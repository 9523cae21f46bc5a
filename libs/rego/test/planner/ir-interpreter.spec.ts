/** The reference interpreter's own contract: block exits, with-restoration, memoisation. */
import type { Policy, Stmt } from '../../src/ir/ir';
import { at } from './ast-builders';
import { IrInterpreter } from './ir-interpreter';

const location = at;
const result = (stmts: Stmt[], extra: Partial<Policy> = {}): unknown[] => {
  const policy: Policy = {
    static: { strings: ['result', 'k'], numbers: [], builtins: [], files: [] },
    funcs: [],
    plans: [{ name: 'p', blocks: [{ stmts }] }],
    ...extra,
  };
  return new IrInterpreter(policy).evaluate('p', { input: { k: 1 } });
};
const addResult = (local: number): Stmt[] => [
  { type: 'MakeObjectStmt', target: 9, location },
  {
    type: 'ObjectInsertStmt',
    key: { kind: 'string', index: 0 },
    value: { kind: 'local', local },
    object: 9,
    location,
  },
  { type: 'ResultSetAddStmt', value: 9, location },
];

describe('IrInterpreter', () => {
  it('leaves index + 1 blocks on a break and continues after them', () => {
    const stmts: Stmt[] = [
      { type: 'MakeNumberIntStmt', value: 1, target: 2, location },
      {
        type: 'BlockStmt',
        location,
        blocks: [
          {
            stmts: [
              {
                type: 'NotStmt',
                location,
                block: { stmts: [{ type: 'BreakStmt', index: 1, location }] },
              },
              { type: 'MakeNumberIntStmt', value: 99, target: 2, location },
            ],
          },
        ],
      },
      ...addResult(2),
    ];
    expect(result(stmts)).toEqual([{ result: 1 }]);
  });

  it('restores the replaced local after a WithStmt', () => {
    const stmts: Stmt[] = [
      {
        type: 'WithStmt',
        local: 0,
        path: [1],
        value: { kind: 'bool', value: true },
        location,
        block: {
          stmts: [
            {
              type: 'DotStmt',
              source: { kind: 'local', local: 0 },
              key: { kind: 'string', index: 1 },
              target: 3,
              location,
            },
          ],
        },
      },
      {
        type: 'DotStmt',
        source: { kind: 'local', local: 0 },
        key: { kind: 'string', index: 1 },
        target: 4,
        location,
      },
      { type: 'MakeArrayStmt', capacity: 2, target: 5, location },
      { type: 'ArrayAppendStmt', value: { kind: 'local', local: 3 }, array: 5, location },
      { type: 'ArrayAppendStmt', value: { kind: 'local', local: 4 }, array: 5, location },
      ...addResult(5),
    ];
    expect(result(stmts)).toEqual([{ result: [true, 1] }]);
  });

  it('raises a conflict when a once-assigned local gets a different value', () => {
    const stmts: Stmt[] = [
      { type: 'AssignVarOnceStmt', source: { kind: 'bool', value: true }, target: 2, location },
      { type: 'AssignVarOnceStmt', source: { kind: 'bool', value: false }, target: 2, location },
    ];
    expect(() => result(stmts)).toThrow('var assignment conflict');
  });
});
