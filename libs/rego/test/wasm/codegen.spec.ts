import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy, Stmt } from '../../src/ir/ir';
import { loadCompiledPolicySync } from '../../src/loader';
import { dumpPolicyCode, emitWasm, loadRuntime, RuntimeModule } from '../../src/wasm';
import { ExternalKind, findSection, SectionId } from '../../src/wasm/binary';
import { block, local, policy, ruleFunc, rulePlan, stmt, str } from './ir-builders';
import { HANDMADE_MODULE } from './handmade-module';
import { allowPolicy } from './sample-policies';

/** A one-rule policy whose rule body is `stmts` (value in local 2). */
function ruleWith(...stmts: Stmt[]): Policy {
  return policy({
    strings: ['result', 'x'],
    plans: [rulePlan('test/p', 'test.p', 0)],
    funcs: [ruleFunc('test.p', [block(...stmts)])],
  });
}

function messagesOf(ir: Policy): string[] {
  const result = emitWasm(ir);
  expect(result.wasm.length).toBe(0);
  for (const diagnostic of result.diagnostics) expect(diagnostic.code).toBe('rego_compile_error');
  return result.diagnostics.map((diagnostic) => diagnostic.message);
}

describe('emitWasm diagnostics', () => {
  it('reports a host built-in with more than 4 arguments', () => {
    const args = [str(1), str(1), str(1), str(1), str(1)];
    const messages = messagesOf(
      ruleWith(stmt({ type: 'CallStmt', func: 'custom.five', args, result: 2 })),
    );
    expect(messages).toEqual([
      'built-in custom.five has 5 arguments; host built-ins can take at most 4',
    ]);
  });

  it('reports malformed IR instead of throwing', () => {
    expect(messagesOf(ruleWith(stmt({ type: 'BreakStmt', index: 3 })))).toEqual([
      'break 3 leaves more blocks than are open',
    ]);
    expect(messagesOf(ruleWith(stmt({ type: 'ResultSetAddStmt', value: 2 })))).toEqual([
      'ResultSetAddStmt outside of a plan',
    ]);
    expect(
      messagesOf(ruleWith(stmt({ type: 'AssignVarStmt', source: str(9), target: 2 }))),
    ).toEqual(["string constant 9 is not in the policy's string table"]);
    expect(
      messagesOf(ruleWith(stmt({ type: 'CallStmt', func: 'test.p', args: [local(0)], result: 3 }))),
    ).toEqual(['test.p takes 2 arguments but is called with 1']);
    const unknown = {
      type: 'TeleportStmt',
      location: { file: 'x.rego', line: 4, col: 2, offset: 0 },
    } as unknown as Stmt;
    const result = emitWasm(ruleWith(unknown));
    expect(result.diagnostics.map((d) => [d.message, d.location.line])).toEqual([
      ['unknown IR statement TeleportStmt', 4],
    ]);
  });

  it('reports bad constants and duplicate names', () => {
    const ir = allowPolicy();
    ir.static.numbers.push('1.2.3');
    ir.plans.push({ ...ir.plans[0] });
    expect(messagesOf(ir)).toEqual([
      'duplicate entrypoint test/allow',
      'number constant 0 is not a JSON number: "1.2.3"',
    ]);
  });

  it('reports a runtime that does not meet the contract', () => {
    const result = emitWasm(allowPolicy(), { runtime: RuntimeModule.fromBytes(HANDMADE_MODULE) });
    expect(result.wasm.length).toBe(0);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^runtime.wasm does not match the codegen contract: /),
    ]);
  });

  it('reports inconsistent built-in arities', () => {
    const ir = ruleWith(
      stmt({ type: 'CallStmt', func: 'custom.f', args: [str(1)], result: 3 }),
      stmt({ type: 'CallStmt', func: 'custom.f', args: [str(1), str(1)], result: 4 }),
    );
    expect(messagesOf(ir)).toEqual(['custom.f called with 2 arguments, elsewhere with 1']);
  });
});

describe('built-ins inside the module', () => {
  /** The real runtime with `rt_value_merge` also exported as the in-module built-in `fake.merge`. */
  function runtimeWithFakeBuiltin(): RuntimeModule {
    const base = loadRuntime();
    const sections = base.module.sections.map((section) => {
      if (section.id !== SectionId.Export) return section;
      const merge = section.exports.find((item) => item.name === 'rt_value_merge');
      if (!merge) throw new Error('runtime lacks rt_value_merge');
      return {
        id: section.id,
        exports: [
          ...section.exports,
          { name: 'rt_builtin_fake_merge', kind: ExternalKind.Function, index: merge.index },
        ],
      };
    });
    return new RuntimeModule({ version: base.module.version, sections });
  }

  it('calls rt_builtin_* directly and does not list it in builtins()', () => {
    const ir = policy({
      strings: ['result', 'a', 'b'],
      plans: [rulePlan('test/merged', 'test.merged', 0)],
      funcs: [
        ruleFunc('test.merged', [
          block(
            stmt({ type: 'DotStmt', source: local(0), key: str(1), target: 3 }),
            stmt({ type: 'DotStmt', source: local(0), key: str(2), target: 4 }),
            stmt({ type: 'CallStmt', func: 'fake.merge', args: [local(3), local(4)], result: 2 }),
          ),
        ]),
      ],
    });
    const runtime = runtimeWithFakeBuiltin();
    const emitted = emitWasm(ir, { runtime });
    expect(emitted.diagnostics).toEqual([]);
    expect(emitted.hostBuiltins).toEqual([]);
    expect(
      findSection(runtime.module, SectionId.Export)?.exports.some(
        (e) => e.name === 'rt_builtin_fake_merge',
      ),
    ).toBe(true);
    const loaded = loadCompiledPolicySync(emitted);
    expect(loaded.evaluate({ a: { p: 1 }, b: { q: 2 } })).toEqual([{ result: { p: 1, q: 2 } }]);
  });
});

describe('generated code listing', () => {
  const goldenPath = join(__dirname, 'golden', 'allow.wat');

  /** Addresses in the policy's static area depend on the runtime's size: print them relative to it. */
  function normalisedDump(): string {
    const runtime = loadRuntime();
    const base = Math.ceil(runtime.staticEnd() / 8) * 8;
    return dumpPolicyCode(allowPolicy(), { runtime }).replace(
      /i32\.const (\d+)/g,
      (text, value: string) =>
        Number(value) >= base ? `i32.const static+${Number(value) - base}` : text,
    );
  }

  it('matches the golden listing of the allow policy', () => {
    const dump = normalisedDump();
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) {
      if (process.env.UPDATE_GOLDEN !== '1')
        throw new Error(`missing ${goldenPath}; run with UPDATE_GOLDEN=1`);
      mkdirSync(join(__dirname, 'golden'), { recursive: true });
      writeFileSync(goldenPath, `${dump}\n`);
    }
    expect(`${dump}\n`).toBe(readFileSync(goldenPath, 'utf8'));
  });
});
