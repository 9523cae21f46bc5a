/**
 * One policy decision three ways, side by side in one run (issue 9):
 *  - the compiled module through the unmodified opa-wasm `evaluate()`,
 *  - the loader's JSON floor (the host-side work `evaluate()` does, with no Wasm call),
 *  - a hand-written TypeScript function of the same rule,
 * for the RBAC policy of `bench/support/policies.ts` and for the sample's own allow rule
 * (`policies/global.rego` + `tenants/acme-corp.rego`, compiled the way the PolicyStore
 * compiles a tenant module). Before timing, module and function must agree on a grid of
 * inputs, so a ratio never compares two different rules.
 *
 * Run: npm run -s bench:decision
 */
import { compile, loadCompiledPolicySync, type LoadedPolicy } from '@coresdk/rego';
import { compileModule } from '../libs/core-sdk/src/authz/compile-module';
import { rbacAllow, sampleAllow, type SampleInput } from './support/hand-written-rules';
import { jsonFloor } from './support/json-floor';
import { machineNotes } from './support/machine';
import { formatNs, measureSideBySide, type SideBySideRow } from './support/measure';
import { RBAC_DATA, RBAC_INPUT, RBAC_POLICY } from './support/policies';
import { readSamplePolicy } from './support/sample-policy';

const SAMPLE_ENTRYPOINT = 'coresdk/authz/allow';

function allowed(resultSet: unknown): boolean {
  return (
    Array.isArray(resultSet) &&
    resultSet.length === 1 &&
    (resultSet[0] as { result?: unknown }).result === true
  );
}

function loadRbac(): LoadedPolicy {
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
  return policy;
}

/** The tenant module exactly as the PolicyStore builds it (global + the tenant's override). */
function loadSample(withAcmeOverride: boolean): LoadedPolicy {
  const { global, acmeOverride } = readSamplePolicy();
  const files = withAcmeOverride ? [global, acmeOverride] : [global];
  const result = compileModule(withAcmeOverride ? 'tenant:acme-corp' : 'global', files, {
    entrypoint: SAMPLE_ENTRYPOINT,
    regoVersion: 'v1',
  });
  if (!result.ok) throw new Error(result.diagnostics.join('\n'));
  return loadCompiledPolicySync(result.module);
}

function checkRbacAgreement(policy: LoadedPolicy): number {
  let checked = 0;
  for (const user of ['alice', 'bob', 'eve', 'mallory', 'toString'])
    for (const action of ['read', 'update', 'adopt', 'delete'])
      for (const type of ['dog', 'cat', 'finance']) {
        const input = { user, action, type };
        const module = allowed(policy.evaluate(input, 'rbac/allow'));
        if (module !== rbacAllow(RBAC_DATA, input))
          throw new Error(`RBAC disagreement on ${JSON.stringify(input)}: module ${module}`);
        checked++;
      }
  return checked;
}

function sampleInput(action: string, tenant: string, role: unknown): SampleInput {
  const now = Math.floor(Date.now() / 1000);
  return {
    action,
    tenant_id: tenant,
    user: {
      iss: 'https://issuer.example',
      aud: 'coresdk-sample',
      sub: 'user-42',
      tenant_id: tenant,
      role,
      iat: now,
      exp: now + 300,
    },
    resource: null,
    request: { method: 'POST', path: '/products' },
  } as SampleInput;
}

function checkSampleAgreement(policy: LoadedPolicy, withAcmeOverride: boolean): number {
  let checked = 0;
  const actions = ['products:read', 'products:write', 'products:delete', 'analytics:read', 'x'];
  for (const action of actions)
    for (const tenant of ['acme-corp', 'globex'])
      for (const role of ['viewer', 'editor', 'admin', undefined, 7]) {
        const input = sampleInput(action, tenant, role);
        const module = allowed(policy.evaluate(input, SAMPLE_ENTRYPOINT));
        if (module !== sampleAllow(input, withAcmeOverride))
          throw new Error(`sample disagreement on ${action}/${tenant}/${role}: module ${module}`);
        checked++;
      }
  return checked;
}

function printGroup(title: string, rows: SideBySideRow[]): void {
  const [floor, module, handWritten] = rows;
  console.log(`\n# ${title}`);
  for (const row of rows)
    console.log(
      `  ${row.name.padEnd(40)} ${formatNs(row.nsPerOp).padStart(10)}/op  ${row.ratioToFirst.toFixed(2)}× floor`,
    );
  const moduleVsHand = module.nsPerOp / handWritten.nsPerOp;
  console.log(
    `  ratios: module/floor ${module.ratioToFirst.toFixed(2)}×, module/TypeScript ${moduleVsHand.toFixed(0)}×, ` +
      `floor/TypeScript ${(floor.nsPerOp / handWritten.nsPerOp).toFixed(0)}×; ` +
      `module above the floor ${formatNs(module.nsPerOp - floor.nsPerOp)}`,
  );
}

function main(): void {
  console.log(`# policy decision: compiled module vs JSON floor vs hand-written TypeScript`);
  console.log(`  machine: ${machineNotes()}`);
  const rbac = loadRbac();
  const acme = loadSample(true);
  const global = loadSample(false);
  const agreed =
    checkRbacAgreement(rbac) +
    checkSampleAgreement(acme, true) +
    checkSampleAgreement(global, false);
  console.log(`  module and TypeScript agree on ${agreed} inputs`);

  const rbacExpected = JSON.stringify(rbac.evaluate(RBAC_INPUT, 'rbac/allow'));
  const rbacRows = measureSideBySide(
    [
      { name: 'loader JSON floor (no Wasm call)', fn: jsonFloor(RBAC_INPUT, rbacExpected) },
      { name: 'compiled module via opa-wasm', fn: () => rbac.evaluate(RBAC_INPUT, 'rbac/allow') },
      { name: 'hand-written TypeScript', fn: () => rbacAllow(RBAC_DATA, RBAC_INPUT) },
    ],
    20_000,
    15,
  );
  printGroup(`RBAC (${JSON.stringify(RBAC_INPUT)} -> allow)`, rbacRows);

  const input = sampleInput('products:write', 'acme-corp', 'editor');
  const sampleExpected = JSON.stringify(acme.evaluate(input, SAMPLE_ENTRYPOINT));
  const sampleRows = measureSideBySide(
    [
      { name: 'loader JSON floor (no Wasm call)', fn: jsonFloor(input, sampleExpected) },
      { name: 'compiled module via opa-wasm', fn: () => acme.evaluate(input, SAMPLE_ENTRYPOINT) },
      { name: 'hand-written TypeScript', fn: () => sampleAllow(input, true) },
    ],
    20_000,
    15,
  );
  printGroup(
    'sample allow rule (global.rego + tenants/acme-corp.rego; products:write as editor, full PolicyInput)',
    sampleRows,
  );

  const ratio = rbacRows[1].ratioToFirst;
  console.log(
    `\n  goal: RBAC evaluation <= 1.5x the JSON floor -> ${ratio <= 1.5 ? 'met' : 'MISSED'} (${ratio.toFixed(2)}x)`,
  );
  console.log(
    `  result: sample rule through the module ${sampleRows[1].ratioToFirst.toFixed(2)}x the floor, ` +
      `${(sampleRows[1].nsPerOp / sampleRows[2].nsPerOp).toFixed(0)}x hand-written TypeScript`,
  );
}

main();
