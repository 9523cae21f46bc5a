/**
 * Hand-built IR policies shaped like the planner's output, used by the backend and loader
 * tests. Each mirrors a small Rego program given in its comment.
 */
import type { Policy } from '../../src/ir/ir';
import { block, bool, local, policy, ruleFunc, rulePlan, stmt, str } from './ir-builders';

/** `allow if input.x == 1` */
export function allowPolicy(): Policy {
  return policy({
    strings: ['result', 'x'],
    plans: [rulePlan('test/allow', 'test.allow', 0)],
    funcs: [
      ruleFunc('test.allow', [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({ type: 'MakeNumberIntStmt', value: 1, target: 4 }),
          stmt({ type: 'EqualStmt', a: local(3), b: local(4) }),
          stmt({ type: 'AssignVarOnceStmt', source: bool(true), target: 2 }),
        ),
        block(stmt({ type: 'ReturnLocalStmt', source: 2 })),
      ]),
    ],
  });
}

/**
 * ```
 * admins contains u.name if { some u in data.users; u.role == "admin" }
 * deny if not data.test.allow      # allow as in allowPolicy
 * user_count := count(data.users)
 * big := 12345678901234567890      # a number constant from the number table
 * ```
 */
export function usersPolicy(): Policy {
  const base = allowPolicy();
  return policy({
    strings: ['result', 'x', 'users', 'role', 'admin', 'name'],
    numbers: ['12345678901234567890', '0.5'],
    plans: [
      rulePlan('test/admins', 'test.admins', 0),
      rulePlan('test/deny', 'test.deny', 0),
      rulePlan('test/user_count', 'test.user_count', 0),
      rulePlan('test/big', 'test.big', 0),
    ],
    funcs: [
      base.funcs[0],
      ruleFunc('test.admins', [
        block(
          stmt({ type: 'MakeSetStmt', target: 2 }),
          stmt({ type: 'DotStmt', source: local(1), key: str(2), target: 3 }),
          stmt({
            type: 'ScanStmt',
            source: 3,
            key: 4,
            value: 5,
            block: block(
              stmt({ type: 'DotStmt', source: local(5), key: str(3), target: 6 }),
              stmt({ type: 'EqualStmt', a: local(6), b: str(4) }),
              stmt({ type: 'DotStmt', source: local(5), key: str(5), target: 7 }),
              stmt({ type: 'SetAddStmt', value: local(7), set: 2 }),
            ),
          }),
        ),
        block(stmt({ type: 'ReturnLocalStmt', source: 2 })),
      ]),
      ruleFunc('test.deny', [
        block(
          stmt({
            type: 'NotStmt',
            block: block(
              stmt({ type: 'CallStmt', func: 'test.allow', args: [local(0), local(1)], result: 3 }),
            ),
          }),
          stmt({ type: 'AssignVarOnceStmt', source: bool(true), target: 2 }),
        ),
      ]),
      ruleFunc('test.user_count', [
        block(
          stmt({ type: 'DotStmt', source: local(1), key: str(2), target: 3 }),
          stmt({ type: 'LenStmt', source: local(3), target: 4 }),
          stmt({ type: 'AssignVarOnceStmt', source: local(4), target: 2 }),
        ),
      ]),
      ruleFunc('test.big', [
        block(
          stmt({ type: 'MakeArrayStmt', capacity: 2, target: 3 }),
          stmt({ type: 'MakeNumberRefStmt', index: 0, target: 4 }),
          stmt({ type: 'ArrayAppendStmt', value: local(4), array: 3 }),
          stmt({ type: 'MakeNumberRefStmt', index: 1, target: 5 }),
          stmt({ type: 'ArrayAppendStmt', value: local(5), array: 3 }),
          stmt({ type: 'AssignVarOnceStmt', source: local(3), target: 2 }),
        ),
      ]),
    ],
  });
}

/**
 * ```
 * value := v if some v in input.items        # complete rule: two different items conflict
 * obj[k] := v if some k, v in input.pairs   # object rule: insert conflicts on equal keys
 * ```
 * (`obj` inserts `input.pairs[i][0] -> input.pairs[i][1]`.)
 */
export function conflictPolicy(): Policy {
  return policy({
    strings: ['result', 'items', 'pairs'],
    plans: [rulePlan('test/value', 'test.value', 0), rulePlan('test/obj', 'test.obj', 0)],
    funcs: [
      ruleFunc('test.value', [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({
            type: 'ScanStmt',
            source: 3,
            key: 4,
            value: 5,
            block: block(stmt({ type: 'AssignVarOnceStmt', source: local(5), target: 2 })),
          }),
        ),
      ]),
      ruleFunc('test.obj', [
        block(
          stmt({ type: 'MakeObjectStmt', target: 2 }),
          stmt({ type: 'DotStmt', source: local(0), key: str(2), target: 3 }),
          stmt({
            type: 'ScanStmt',
            source: 3,
            key: 4,
            value: 5,
            block: block(
              stmt({ type: 'MakeNumberIntStmt', value: 0, target: 6 }),
              stmt({ type: 'DotStmt', source: local(5), key: local(6), target: 7 }),
              stmt({ type: 'MakeNumberIntStmt', value: 1, target: 8 }),
              stmt({ type: 'DotStmt', source: local(5), key: local(8), target: 9 }),
              stmt({ type: 'ObjectInsertOnceStmt', key: local(7), value: local(9), object: 2 }),
            ),
          }),
        ),
      ]),
    ],
  });
}

/**
 * ```
 * now := [time.now_ns(), time.now_ns()]      # host, non-deterministic: memoised
 * doubled := custom.double(input.n)          # host built-in from the registry
 * label := sprintf("n=%v", [input.n])         # host built-in the SDK itself provides
 * ```
 */
export function hostBuiltinPolicy(): Policy {
  return policy({
    strings: ['result', 'n', 'n=%v'],
    builtins: [
      { name: 'time.now_ns', arity: 0 },
      { name: 'custom.double', arity: 1 },
      { name: 'sprintf', arity: 2 },
    ],
    plans: [
      rulePlan('test/now', 'test.now', 0),
      rulePlan('test/doubled', 'test.doubled', 0),
      rulePlan('test/label', 'test.label', 0),
    ],
    funcs: [
      ruleFunc('test.now', [
        block(
          stmt({ type: 'CallStmt', func: 'time.now_ns', args: [], result: 3 }),
          stmt({ type: 'CallStmt', func: 'time.now_ns', args: [], result: 4 }),
          stmt({ type: 'MakeArrayStmt', capacity: 2, target: 5 }),
          stmt({ type: 'ArrayAppendStmt', value: local(3), array: 5 }),
          stmt({ type: 'ArrayAppendStmt', value: local(4), array: 5 }),
          stmt({ type: 'AssignVarOnceStmt', source: local(5), target: 2 }),
        ),
      ]),
      ruleFunc('test.doubled', [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({ type: 'CallStmt', func: 'custom.double', args: [local(3)], result: 4 }),
          stmt({ type: 'AssignVarOnceStmt', source: local(4), target: 2 }),
        ),
      ]),
      ruleFunc('test.label', [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({ type: 'MakeArrayStmt', capacity: 1, target: 4 }),
          stmt({ type: 'ArrayAppendStmt', value: local(3), array: 4 }),
          stmt({ type: 'CallStmt', func: 'sprintf', args: [str(2), local(4)], result: 5 }),
          stmt({ type: 'AssignVarOnceStmt', source: local(5), target: 2 }),
        ),
      ]),
    ],
  });
}

/**
 * ```
 * check := {"plain": allow, "with": allow with input.x as 1, "after": allow}
 * ```
 * each key present only when its `allow` is defined; `allow` as in allowPolicy. Checks
 * that a `with` sees the replaced input, that it is restored, and that the memoised value
 * of `allow` is neither used nor poisoned inside the `with`.
 */
export function withPolicy(): Policy {
  const base = allowPolicy();
  const callAllowInto = (key: number, target: number) =>
    stmt({
      type: 'BlockStmt',
      blocks: [
        block(
          stmt({
            type: 'CallStmt',
            func: 'test.allow',
            args: [local(0), local(1)],
            result: target,
          }),
          stmt({ type: 'ObjectInsertStmt', key: str(key), value: local(target), object: 10 }),
        ),
      ],
    });
  return policy({
    strings: [
      'result',
      'x',
      'plain',
      'with',
      'after',
      'input_seen',
      'failed_with_ran',
      'continued',
    ],
    plans: [
      {
        name: 'test/check',
        blocks: [
          block(
            stmt({ type: 'MakeObjectStmt', target: 10 }),
            callAllowInto(2, 11),
            stmt({ type: 'MakeNumberIntStmt', value: 1, target: 12 }),
            stmt({
              type: 'WithStmt',
              local: 0,
              path: [1],
              value: local(12),
              block: block(
                stmt({
                  type: 'CallStmt',
                  func: 'test.allow',
                  args: [local(0), local(1)],
                  result: 13,
                }),
                stmt({ type: 'ObjectInsertStmt', key: str(3), value: local(13), object: 10 }),
                stmt({ type: 'ObjectInsertStmt', key: str(5), value: local(0), object: 10 }),
              ),
            }),
            callAllowInto(4, 14),
            // `with input.x as 2`: allow is undefined, so the body stops before recording
            // anything; the statement after the with still runs.
            stmt({ type: 'MakeNumberIntStmt', value: 2, target: 15 }),
            stmt({
              type: 'WithStmt',
              local: 0,
              path: [1],
              value: local(15),
              block: block(
                stmt({
                  type: 'CallStmt',
                  func: 'test.allow',
                  args: [local(0), local(1)],
                  result: 16,
                }),
                stmt({ type: 'ObjectInsertStmt', key: str(6), value: local(16), object: 10 }),
              ),
            }),
            stmt({
              type: 'BlockStmt',
              blocks: [
                block(stmt({ type: 'ObjectInsertStmt', key: str(7), value: local(0), object: 10 })),
              ],
            }),
            stmt({ type: 'MakeObjectStmt', target: 3 }),
            stmt({ type: 'ObjectInsertStmt', key: str(0), value: local(10), object: 3 }),
            stmt({ type: 'ResultSetAddStmt', value: 3 }),
          ),
        ],
      },
    ],
    funcs: base.funcs,
  });
}

/**
 * Control flow: a `BlockStmt` whose first block breaks, a scan that skips elements with
 * `break 1` and leaves two enclosing blocks at once with `break 2` from inside a `with`
 * (which must restore input on the way out). The rule's value is a trace of what ran:
 *   block1: ["a" (then break), "b"], with input.items as ["p","stop","q"]:
 *           scan: "p" appended, at "stop" append "stopped" and leave block1
 *   block2: append input.items as seen after the with (the original one)
 */
export function controlFlowPolicy(): Policy {
  return policy({
    strings: ['result', 'a', 'never', 'b', 'items', 'p', 'stop', 'q', 'stopped', 'end'],
    plans: [rulePlan('test/trace', 'test.trace', 0)],
    funcs: [
      ruleFunc('test.trace', [
        block(stmt({ type: 'MakeArrayStmt', capacity: 4, target: 2 })),
        block(
          stmt({
            type: 'BlockStmt',
            blocks: [
              block(
                stmt({ type: 'ArrayAppendStmt', value: str(1), array: 2 }),
                stmt({ type: 'BreakStmt', index: 0 }),
                stmt({ type: 'ArrayAppendStmt', value: str(2), array: 2 }),
              ),
              block(stmt({ type: 'ArrayAppendStmt', value: str(3), array: 2 })),
            ],
          }),
          stmt({ type: 'MakeArrayStmt', capacity: 3, target: 20 }),
          stmt({ type: 'ArrayAppendStmt', value: str(5), array: 20 }),
          stmt({ type: 'ArrayAppendStmt', value: str(6), array: 20 }),
          stmt({ type: 'ArrayAppendStmt', value: str(7), array: 20 }),
          stmt({
            type: 'WithStmt',
            local: 0,
            path: [4],
            value: local(20),
            block: block(
              stmt({ type: 'DotStmt', source: local(0), key: str(4), target: 3 }),
              stmt({
                type: 'ScanStmt',
                source: 3,
                key: 4,
                value: 5,
                block: block(
                  stmt({
                    type: 'BlockStmt',
                    blocks: [
                      block(
                        stmt({ type: 'NotEqualStmt', a: local(5), b: str(6) }),
                        stmt({ type: 'ArrayAppendStmt', value: local(5), array: 2 }),
                        stmt({ type: 'BreakStmt', index: 1 }),
                      ),
                    ],
                  }),
                  stmt({ type: 'ArrayAppendStmt', value: str(8), array: 2 }),
                  stmt({ type: 'BreakStmt', index: 2 }),
                ),
              }),
            ),
          }),
          stmt({ type: 'ArrayAppendStmt', value: str(9), array: 2 }),
        ),
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(4), target: 6 }),
          stmt({ type: 'ArrayAppendStmt', value: local(6), array: 2 }),
        ),
      ]),
    ],
  });
}

/**
 * The remaining statement kinds, each recorded in the rule's object value:
 * `kind` from IsArray/IsObject/IsSet on input.v (and IsSet on a fresh set), `merged` from
 * ObjectMerge of input.a and input.b, `null` from MakeNull, `len` from Len of input.s,
 * `reset` when a ResetLocal'd local tests undefined.
 */
export function statementKindsPolicy(): Policy {
  const [RESULT, V, KIND, ARRAY, OBJECT, SET, A, B, MERGED, NULL, S, LEN, RESET, FRESH] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  const recordIf = (check: ReturnType<typeof stmt>, key: number, value: ReturnType<typeof str>) =>
    stmt({
      type: 'BlockStmt',
      blocks: [block(check, stmt({ type: 'ObjectInsertStmt', key: str(key), value, object: 2 }))],
    });
  return policy({
    strings: [
      'result',
      'v',
      'kind',
      'array',
      'object',
      'set',
      'a',
      'b',
      'merged',
      'null',
      's',
      'len',
      'reset',
      'fresh_set',
    ],
    plans: [rulePlan('test/kinds', 'test.kinds', RESULT)],
    funcs: [
      ruleFunc('test.kinds', [
        block(
          stmt({ type: 'MakeObjectStmt', target: 2 }),
          stmt({
            type: 'BlockStmt',
            blocks: [block(stmt({ type: 'DotStmt', source: local(0), key: str(V), target: 3 }))],
          }),
          recordIf(stmt({ type: 'IsArrayStmt', source: local(3) }), KIND, str(ARRAY)),
          recordIf(stmt({ type: 'IsObjectStmt', source: local(3) }), KIND, str(OBJECT)),
          recordIf(stmt({ type: 'IsSetStmt', source: local(3) }), KIND, str(SET)),
          stmt({ type: 'MakeSetStmt', target: 4 }),
          recordIf(stmt({ type: 'IsSetStmt', source: local(4) }), FRESH, bool(true)),
          stmt({
            type: 'BlockStmt',
            blocks: [
              block(
                stmt({ type: 'DotStmt', source: local(0), key: str(A), target: 5 }),
                stmt({ type: 'DotStmt', source: local(0), key: str(B), target: 6 }),
                stmt({ type: 'ObjectMergeStmt', a: 5, b: 6, target: 7 }),
                stmt({ type: 'ObjectInsertStmt', key: str(MERGED), value: local(7), object: 2 }),
              ),
            ],
          }),
          stmt({ type: 'MakeNullStmt', target: 8 }),
          stmt({ type: 'ObjectInsertStmt', key: str(NULL), value: local(8), object: 2 }),
          stmt({
            type: 'BlockStmt',
            blocks: [
              block(
                stmt({ type: 'DotStmt', source: local(0), key: str(S), target: 9 }),
                stmt({ type: 'LenStmt', source: local(9), target: 10 }),
                stmt({ type: 'ObjectInsertStmt', key: str(LEN), value: local(10), object: 2 }),
              ),
            ],
          }),
          stmt({ type: 'AssignVarStmt', source: str(V), target: 11 }),
          stmt({ type: 'ResetLocalStmt', target: 11 }),
          recordIf(stmt({ type: 'IsUndefinedStmt', source: 11 }), RESET, bool(true)),
        ),
      ]),
    ],
  });
}
