/**
 * Compiler benchmarks (issue: Rego → Wasm compiler), measured in one run:
 *  1. compile time of a typical tenant policy (global + override, ~50 lines), after warm-up;
 *  2. evaluation of an RBAC policy through opa-wasm, next to the loader's own JSON floor for
 *     the same input and output (stringify + encode + decode + parse), as a ratio.
 *
 * Run: npm run bench:compiler
 */
import { compile, loadCompiledPolicySync } from '@coresdk/rego';
import { formatNs, measure, printTable } from './support/measure';
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
  const policy = loadCompiledPolicySync({ wasm: compiled.wasm, hostBuiltins: compiled.hostBuiltins });
  policy.setData(RBAC_DATA);
  const expected = JSON.stringify(policy.evaluate(RBAC_INPUT, 'rbac/allow'));
  if (expected !== '[{"result":true}]') throw new Error(`unexpected RBAC result ${expected}`);

  // The loader's floor: exactly the host-side work opa-wasm's evaluate() does around the
  // Wasm call (stringify, a new TextEncoder, copy into linear memory, NUL scan, a new
  // TextDecoder, parse), on the same input and output, with no Wasm call at all.
  const memory = new WebAssembly.Memory({ initial: 5 });
  const outputBytes = new TextEncoder().encode(expected + '\0');
  new Uint8Array(memory.buffer).set(outputBytes, 4096);
  const floor = measure(
    'loader JSON floor (no Wasm call)',
    () => {
      const inputBytes = new TextEncoder().encode(JSON.stringify(RBAC_INPUT));
      new Uint8Array(memory.buffer).set(inputBytes, 1024);
      const view = new Uint8Array(memory.buffer);
      let end = 4096;
      while (view[end] !== 0) end++;
      return JSON.parse(new TextDecoder().decode(new Uint8Array(memory.buffer, 4096, end - 4096)));
    },
    200_000,
  );
  const evaluate = measure(
    'RBAC evaluate through opa-wasm',
    () => policy.evaluate(RBAC_INPUT, 'rbac/allow'),
    100_000,
  );
  // Where the rest goes: the same input through a module whose rule is a constant.
  const constant = compile([{ path: 'c.rego', source: 'package rbac\nallow := true\n' }], {
    entrypoints: ['rbac/allow'],
    regoVersion: 'v1',
  });
  const constantPolicy = loadCompiledPolicySync(
    constant as { wasm: Uint8Array; hostBuiltins: string[] },
  );
  constantPolicy.setData(RBAC_DATA);
  const trivial = measure(
    'constant rule through opa-wasm (same I/O)',
    () => constantPolicy.evaluate(RBAC_INPUT, 'rbac/allow'),
    100_000,
  );
  console.log('\n# RBAC decision (user -> roles -> permissions over data)');
  printTable([floor, trivial, evaluate], floor);
  const ratio = evaluate.nsPerOp / floor.nsPerOp;
  console.log(
    `  goal: <= 1.5x the JSON floor -> ${ratio <= 1.5 ? 'met' : 'MISSED'} (${ratio.toFixed(2)}x, ${formatNs(evaluate.nsPerOp - floor.nsPerOp)} above the floor)`,
  );
}

main();
