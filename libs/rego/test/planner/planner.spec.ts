/**
 * Structural tests of the planner on hand-built (already checked) ASTs: which statements
 * and functions it produces, independent of the parser and the checker.
 */
import type { Block, Func, Policy, Stmt } from '../../src/ir/ir';
import { planPolicy } from '../../src/planner';
import {
  arr,
  call,
  every,
  expr,
  module,
  not,
  num,
  ref,
  rule,
  str,
  v,
  withModifier,
} from './ast-builders';
import { IrInterpreter } from './ir-interpreter';

/** Every statement of the blocks, nested ones included, in order. */
function statements(blocks: Block[]): Stmt[] {
  const all: Stmt[] = [];
  const visit = (block: Block): void => {
    for (const stmt of block.stmts) {
      all.push(stmt);
      if (stmt.type === 'BlockStmt') stmt.blocks.forEach(visit);
      if ('block' in stmt) visit(stmt.block);
    }
  };
  blocks.forEach(visit);
  return all;
}

const types = (blocks: Block[]): string[] => statements(blocks).map((stmt) => stmt.type);
const func = (policy: Policy, name: string): Func => {
  const found = policy.funcs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no func ${name} in ${policy.funcs.map((f) => f.name).join(', ')}`);
  return found;
};

describe('planPolicy', () => {
  it('plans a complete rule as a function of input and data, assigned once', () => {
    const modules = [
      module(
        ['app'],
        [
          rule(['app'], 'allow', {
            body: [expr(call('equal', ref('input', 'user'), str('alice')))],
          }),
        ],
      ),
    ];
    const { policy, diagnostics } = planPolicy(modules, { entrypoints: ['app/allow'] });
    expect(diagnostics).toEqual([]);
    const allow = func(policy, 'g0.data.app.allow');
    expect(allow.params).toEqual([0, 1]);
    expect(allow.path).toEqual(['data', 'app', 'allow']);
    expect(types(allow.blocks)).toEqual([
      'BlockStmt',
      'DotStmt',
      'EqualStmt',
      'AssignVarOnceStmt',
      'ReturnLocalStmt',
    ]);
    const plan = policy.plans[0];
    expect(plan.name).toBe('app/allow');
    expect(types(plan.blocks)).toEqual([
      'CallStmt',
      'MakeObjectStmt',
      'ObjectInsertStmt',
      'ResultSetAddStmt',
    ]);
    expect(policy.static.strings).toEqual(expect.arrayContaining(['user', 'alice', 'result']));
  });

  it('reads base data with DotStmts on the data local when no rule lives there', () => {
    const modules = [
      module(['app'], [rule(['app'], 'limit', { value: ref('data', 'config', 'limit') })]),
    ];
    const { policy } = planPolicy(modules, { entrypoints: [] });
    const dots = statements(func(policy, 'g0.data.app.limit').blocks).filter(
      (stmt) => stmt.type === 'DotStmt',
    );
    expect(dots).toHaveLength(2);
    expect(dots[0]).toMatchObject({ source: { kind: 'local', local: 1 } });
  });

  it('iterates a reference with an unbound variable with a ScanStmt', () => {
    const body = [expr(call('eq', v('x'), ref('input', 'items', v('i'))))];
    const modules = [module(['app'], [rule(['app'], 's', { kind: 'set', key: v('x'), body })])];
    const { policy } = planPolicy(modules, { entrypoints: ['app/s'] });
    const s = func(policy, 'g0.data.app.s');
    expect(types(s.blocks)).toEqual([
      'MakeSetStmt',
      'BlockStmt',
      'DotStmt',
      'ScanStmt',
      'SetAddStmt',
      'ReturnLocalStmt',
    ]);
    expect(new IrInterpreter(policy).evaluate('app/s', { input: { items: [3, 1, 3] } })).toEqual([
      { result: [1, 3] },
    ]);
  });

  it('plans a negation over iteration with a flag, so that a miss is not a match', () => {
    const body = [not(call('equal', ref('input', 'xs', v('$_0')), num(1)))];
    const modules = [module(['app'], [rule(['app'], 'no_one', { body })])];
    const { policy } = planPolicy(modules, { entrypoints: ['app/no_one'] });
    expect(types(func(policy, 'g0.data.app.no_one').blocks)).toEqual(
      expect.arrayContaining([
        'NotStmt',
        'ResetLocalStmt',
        'ScanStmt',
        'BreakStmt',
        'IsDefinedStmt',
      ]),
    );
    const interpreter = new IrInterpreter(policy);
    expect(interpreter.evaluate('app/no_one', { input: { xs: [2, 3] } })).toEqual([
      { result: true },
    ]);
    expect(interpreter.evaluate('app/no_one', { input: { xs: [2, 1] } })).toEqual([]);
  });

  it('plans every as a negated scan of the negated body', () => {
    const body = [every(v('x'), ref('input', 'xs'), [expr(call('gt', v('x'), num(0)))])];
    const modules = [module(['app'], [rule(['app'], 'positive', { body })])];
    const { policy } = planPolicy(modules, { entrypoints: ['app/positive'] });
    const interpreter = new IrInterpreter(policy);
    expect(interpreter.evaluate('app/positive', { input: { xs: [1, 2] } })).toEqual([
      { result: true },
    ]);
    expect(interpreter.evaluate('app/positive', { input: { xs: [1, -2] } })).toEqual([]);
    expect(interpreter.evaluate('app/positive', { input: { xs: [] } })).toEqual([{ result: true }]);
  });

  it('replans the functions a builtin mock reaches, under a new name', () => {
    const q = rule(['app'], 'q', { value: call('count', arr(num(1), num(2))) });
    const p = rule(['app'], 'p', {
      value: v('y'),
      body: [expr(call('eq', v('y'), ref('data', 'app', 'q')), [withModifier(v('count'), num(7))])],
    });
    const { policy, diagnostics } = planPolicy([module(['app'], [q, p])], {
      entrypoints: ['app/p', 'app/q'],
    });
    expect(diagnostics).toEqual([]);
    const names = policy.funcs.map((candidate) => candidate.name);
    expect(names).toEqual(
      expect.arrayContaining(['g0.data.app.q', 'g1.data.app.q', 'g0.data.app.p']),
    );
    const interpreter = new IrInterpreter(policy);
    expect(interpreter.evaluate('app/p')).toEqual([{ result: 7 }]);
    expect(interpreter.evaluate('app/q')).toEqual([{ result: 2 }]);
  });

  it('plans with input as a WithStmt on the input local around the literal only', () => {
    const p = rule(['app'], 'p', {
      value: ref('input', 'x'),
      body: [expr(ref('data', 'app', 'q'), [withModifier(ref('input'), num(1))])],
    });
    const q = rule(['app'], 'q', { body: [expr(call('equal', ref('input'), num(1)))] });
    const { policy } = planPolicy([module(['app'], [p, q])], { entrypoints: ['app/p'] });
    const withStmt = statements(func(policy, 'g0.data.app.p').blocks).find(
      (stmt) => stmt.type === 'WithStmt',
    );
    expect(withStmt).toMatchObject({ local: 0, path: [] });
    // The rest of the body (the head value `input.x`) still sees the original input.
    expect(new IrInterpreter(policy).evaluate('app/p', { input: { x: 'orig' } })).toEqual([
      { result: 'orig' },
    ]);
  });

  it('plans user functions with their arguments after input and data', () => {
    const f = rule(['lib'], 'f', { args: [v('a')], value: call('plus', v('a'), num(1)) });
    const p = rule(['app'], 'p', { value: call('data.lib.f', num(41)) });
    const { policy } = planPolicy([module(['lib'], [f]), module(['app'], [p])], {
      entrypoints: ['app/p'],
    });
    const callStmt = statements(func(policy, 'g0.data.app.p').blocks).find(
      (stmt) => stmt.type === 'CallStmt',
    );
    expect(callStmt).toMatchObject({ func: 'g0.data.lib.f' });
    expect(func(policy, 'g0.data.lib.f').params).toEqual([0, 1, 2]);
    expect(new IrInterpreter(policy).evaluate('app/p')).toEqual([{ result: 42 }]);
  });

  it('reports a call of an unknown function', () => {
    const p = rule(['app'], 'p', { value: call('no_such_builtin', num(1)) });
    const { diagnostics } = planPolicy([module(['app'], [p])], { entrypoints: [] });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'rego_type_error',
        message: 'undefined function no_such_builtin',
      }),
    ]);
  });

  it('builds the package document from its rules, leaving functions and undefined rules out', () => {
    const rules = [
      rule(['app'], 'a', { value: num(1) }),
      rule(['app'], 'b', {
        value: num(2),
        body: [expr({ type: 'boolean', value: false, location: rule([], 'x').location })],
      }),
      rule(['app'], 'f', { args: [v('x')], value: v('x') }),
    ];
    const { policy } = planPolicy([module(['app'], rules)], { entrypoints: ['app'] });
    expect(new IrInterpreter(policy).evaluate('app', { data: { app: { base: true } } })).toEqual([
      { result: { a: 1, base: true } },
    ]);
  });
});
