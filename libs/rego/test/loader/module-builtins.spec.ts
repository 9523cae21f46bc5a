import { block, local, policy, ruleFunc, rulePlan, stmt, str } from '../wasm/ir-builders';
import { compileIr, loadIr, resultOf, VARIANTS } from './harness';

/** `sum := input.a + input.b` — `plus` runs inside the module. */
function plusPolicy() {
  return policy({
    strings: ['result', 'a', 'b'],
    builtins: [{ name: 'plus', arity: 2 }],
    plans: [rulePlan('test/sum', 'test.sum', 0)],
    funcs: [
      ruleFunc('test.sum', [
        block(
          stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
          stmt({ type: 'DotStmt', source: local(0), key: str(2), target: 4 }),
          stmt({ type: 'CallStmt', func: 'plus', args: [local(3), local(4)], result: 2 }),
        ),
      ]),
    ],
  });
}

/** `big := "<a 600 KB string>"`: static data larger than opa-wasm's default 5 pages. */
function bigStringPolicy(text: string) {
  return policy({
    strings: ['result', text],
    plans: [rulePlan('test/big', 'test.big', 0)],
    funcs: [
      ruleFunc('test.big', [block(stmt({ type: 'AssignVarStmt', source: str(1), target: 2 }))]),
    ],
  });
}

describe.each(VARIANTS)('module built-ins and static data ($name)', (variant) => {
  it('runs in-module built-ins, undefined on error unless strict', async () => {
    expect(compileIr(plusPolicy()).hostBuiltins).toEqual([]);
    const lenient = await loadIr(variant, plusPolicy());
    expect(resultOf(lenient.evaluate({ a: 2, b: 40 }))).toBe(42);
    expect(lenient.evaluate({ a: 'x', b: 1 })).toEqual([]);
    const strict = await loadIr(variant, plusPolicy(), { strictBuiltinErrors: true });
    expect(resultOf(strict.evaluate({ a: 2, b: 40 }))).toBe(42);
    expect(() => strict.evaluate({ a: 'x', b: 1 })).toThrow(/^eval_type_error: plus: /);
    // Strictness is per module: the lenient instance is unaffected.
    expect(lenient.evaluate({ a: 'x', b: 1 })).toEqual([]);
  });

  it('raises the memory minimum for large static data', async () => {
    const text = 'abcdefghij'.repeat(60_000);
    const loaded = await loadIr(variant, bigStringPolicy(text));
    expect(resultOf(loaded.evaluate({}))).toBe(text);
    expect(resultOf(loaded.evaluate({ again: true }))).toBe(text);
  });
});
