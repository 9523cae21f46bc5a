/**
 * Compiler benchmarks (issue: Rego → Wasm compiler), measured in one run:
 *  1. compile time of a typical tenant policy (global + override, ~50 lines), after warm-up;
 *  2. evaluation of an RBAC policy through opa-wasm, next to the loader's own JSON floor for
 *     the same input and output (stringify + encode + decode + parse), as a ratio.
 *
 * Run: npm run bench:compiler
 * Compare with an earlier build, side by side in the same process (the shared machine's load
 * makes numbers from different runs incomparable):
 *   npm run -s bench:compiler -- --save DIR       writes DIR/rbac.wasm and DIR/constant.wasm
 *   npm run -s bench:compiler -- --baseline DIR   also measures the modules saved in DIR
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { compile, loadCompiledPolicySync } from '@coresdk/rego';
import type { LoadedPolicy } from '@coresdk/rego';
import {
  formatNs,
  measure,
  measureSideBySide,
  printSideBySide,
  printTable,
} from './support/measure';
import {
  RBAC_DATA,
  RBAC_INPUT,
  RBAC_POLICY,
  TENANT_GLOBAL,
  TENANT_OVERRIDE,
} from './support/policies';

function compileTenantPolicy(): void {
  const result = compile(
    [
      { path: 'global.rego', source: TENANT_GLOBAL },
      { path: 'tenants/acme-corp.rego', source: TENANT_OVERRIDE },
    ],
    { entrypoints: ['coresdk/authz/allow'], regoVersion: 'v1' },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
}

function optionValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!value) throw new Error(`${name} needs a directory`);
  return value;
}

/** A module saved by `--save` (no host built-ins: neither policy calls one). */
function loadSaved(directory: string, name: string): LoadedPolicy {
  const file = join(directory, `${name}.wasm`);
  if (!existsSync(file)) throw new Error(`${file} does not exist (make it with --save)`);
  const policy = loadCompiledPolicySync({ wasm: readFileSync(file), hostBuiltins: [] });
  policy.setData(RBAC_DATA);
  return policy;
}

function main(): void {
  const lines = (TENANT_GLOBAL + TENANT_OVERRIDE).split('\n').length;
  console.log(`# compile: global + override (${lines} lines)`);
  const compileTime = measure('compile tenant policy', compileTenantPolicy, 20, 9);
  printTable([compileTime]);
  console.log(`  goal: < 20 ms after warm-up -> ${compileTime.nsPerOp < 20e6 ? 'met' : 'MISSED'}`);

  const compiled = compile([{ path: 'rbac.rego', source: RBAC_POLICY }], {
    entrypoints: ['rbac/allow'],
    regoVersion: 'v1',
  });
  if (!compiled.ok || !compiled.wasm) throw new Error(JSON.stringify(compiled.diagnostics));
  const policy = loadCompiledPolicySync({
    wasm: compiled.wasm,
    hostBuiltins: compiled.hostBuiltins,
  });
  policy.setData(RBAC_DATA);
  const expected = JSON.stringify(policy.evaluate(RBAC_INPUT, 'rbac/allow'));
  if (expected !== '[{"result":true}]') throw new Error(`unexpected RBAC result ${expected}`);

  // The loader's floor: exactly the host-side work opa-wasm's evaluate() does around the
  // Wasm call (stringify, a new TextEncoder, copy into linear memory, NUL scan, a new
  // TextDecoder, parse), on the same input and output, with no Wasm call at all.
  const memory = new WebAssembly.Memory({ initial: 5 });
  const outputBytes = new TextEncoder().encode(expected + '\0');
  new Uint8Array(memory.buffer).set(outputBytes, 4096);
  const floor = () => {
    const inputBytes = new TextEncoder().encode(JSON.stringify(RBAC_INPUT));
    new Uint8Array(memory.buffer).set(inputBytes, 1024);
    const view = new Uint8Array(memory.buffer);
    let end = 4096;
    while (view[end] !== 0) end++;
    return JSON.parse(new TextDecoder().decode(new Uint8Array(memory.buffer, 4096, end - 4096)));
  };
  // Where the rest goes: the same input through a module whose rule is a constant.
  const constant = compile([{ path: 'c.rego', source: 'package rbac\nallow := true\n' }], {
    entrypoints: ['rbac/allow'],
    regoVersion: 'v1',
  });
  const constantPolicy = loadCompiledPolicySync(
    constant as { wasm: Uint8Array; hostBuiltins: string[] },
  );
  constantPolicy.setData(RBAC_DATA);
  const cases = [
    { name: 'loader JSON floor (no Wasm call)', fn: floor },
    {
      name: 'constant rule through opa-wasm (same I/O)',
      fn: () => constantPolicy.evaluate(RBAC_INPUT, 'rbac/allow'),
    },
    { name: 'RBAC evaluate through opa-wasm', fn: () => policy.evaluate(RBAC_INPUT, 'rbac/allow') },
  ];
  const baselineDirectory = optionValue('--baseline');
  if (baselineDirectory) {
    const savedConstant = loadSaved(baselineDirectory, 'constant');
    const savedRbac = loadSaved(baselineDirectory, 'rbac');
    cases.push(
      {
        name: 'baseline: constant rule',
        fn: () => savedConstant.evaluate(RBAC_INPUT, 'rbac/allow'),
      },
      { name: 'baseline: RBAC evaluate', fn: () => savedRbac.evaluate(RBAC_INPUT, 'rbac/allow') },
    );
  }
  // Interleaved rounds: every row sees the same share of the shared machine's load, and
  // each ratio is taken against the floor measured in the same round.
  const rows = measureSideBySide(cases, 20_000, 15);
  const [floorRow, trivialRow, evaluateRow] = rows;
  console.log('\n# RBAC decision (user -> roles -> permissions over data)');
  printSideBySide(rows);
  const ratio = evaluateRow.ratioToFirst;
  console.log(
    `  goal: <= 1.5x the JSON floor -> ${ratio <= 1.5 ? 'met' : 'MISSED'} (${ratio.toFixed(2)}x; ${formatNs(evaluateRow.nsPerOp - floorRow.nsPerOp)} above the floor, constant rule ${formatNs(trivialRow.nsPerOp - floorRow.nsPerOp)} above; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );

  const saveDirectory = optionValue('--save');
  if (saveDirectory) {
    mkdirSync(saveDirectory, { recursive: true });
    writeFileSync(join(saveDirectory, 'rbac.wasm'), compiled.wasm);
    writeFileSync(join(saveDirectory, 'constant.wasm'), constant.wasm as Uint8Array);
    console.log(`  saved rbac.wasm and constant.wasm to ${saveDirectory}`);
  }
}

main();
