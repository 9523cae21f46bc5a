import type { Policy } from '../../src/ir/ir';
import { printPolicy } from '../../src/ir/printer';
import { validatePolicy } from '../../src/ir/validate';
import { at } from './ast-builders';

const location = at;

describe('printPolicy', () => {
  it('prints one statement per line with nested blocks indented', () => {
    const policy: Policy = {
      static: {
        strings: ['result', 'a"b'],
        numbers: ['1.5'],
        builtins: [{ name: 'plus', arity: 2 }],
        files: ['x.rego'],
      },
      funcs: [
        {
          name: 'g0.data.p',
          path: ['data', 'p'],
          params: [0, 1],
          returnLocal: 2,
          location,
          blocks: [
            {
              stmts: [
                { type: 'MakeNumberRefStmt', index: 0, target: 3, location },
                {
                  type: 'ScanStmt',
                  source: 1,
                  key: 4,
                  value: 5,
                  location,
                  block: {
                    stmts: [
                      {
                        type: 'NotStmt',
                        location,
                        block: { stmts: [{ type: 'IsDefinedStmt', source: 5, location }] },
                      },
                      {
                        type: 'CallStmt',
                        func: 'plus',
                        args: [
                          { kind: 'local', local: 3 },
                          { kind: 'local', local: 5 },
                        ],
                        result: 6,
                        location,
                      },
                      { type: 'BreakStmt', index: 1, location },
                    ],
                  },
                },
                {
                  type: 'AssignVarOnceStmt',
                  source: { kind: 'string', index: 1 },
                  target: 2,
                  location,
                },
                { type: 'ReturnLocalStmt', source: 2, location },
              ],
            },
          ],
        },
      ],
      plans: [
        {
          name: 'p',
          blocks: [
            {
              stmts: [
                { type: 'MakeObjectStmt', target: 2, location },
                {
                  type: 'ObjectInsertStmt',
                  key: { kind: 'string', index: 0 },
                  value: { kind: 'bool', value: true },
                  object: 2,
                  location,
                },
                {
                  type: 'WithStmt',
                  local: 0,
                  path: [0],
                  value: { kind: 'bool', value: false },
                  location,
                  block: { stmts: [{ type: 'ResultSetAddStmt', value: 2, location }] },
                },
                {
                  type: 'BlockStmt',
                  location,
                  blocks: [
                    { stmts: [{ type: 'ResetLocalStmt', target: 7, location }] },
                    { stmts: [] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(printPolicy(policy)).toBe(
      [
        'builtins plus/2',
        'numbers 1.5',
        '',
        'func g0.data.p(%0, %1) -> %2  # data.p',
        '  %3 = number 1.5',
        '  scan %1 key %4 value %5',
        '    not',
        '      is defined %5',
        '    %6 = call plus(%3, %5)',
        '    break 1',
        '  %2 = once "a\\"b"',
        '  return %2',
        '',
        'plan p',
        '  %2 = object()',
        '  insert %2["result"] = true',
        '  with %0["result"] = false',
        '    result add %2',
        '  block',
        '    block 0',
        '      reset %7',
        '    block 1',
        '',
      ].join('\n'),
    );
  });
});

describe('validatePolicy', () => {
  it('reports breaks leaving more blocks than exist and calls of unknown functions', () => {
    const policy: Policy = {
      static: { strings: [], numbers: [], builtins: [], files: [] },
      funcs: [],
      plans: [
        {
          name: 'p',
          blocks: [
            {
              stmts: [
                { type: 'BreakStmt', index: 1, location },
                { type: 'CallStmt', func: 'nowhere', args: [], result: 2, location },
              ],
            },
          ],
        },
      ],
    };
    expect(validatePolicy(policy)).toEqual([
      'plan p BreakStmt: index 1 at depth 1',
      'plan p CallStmt: nowhere/0 is neither a function nor a declared built-in',
    ]);
  });
});
