/**
 * Built-in call cost, in one run: the same tiny policy calling a built-in that runs inside
 * the Wasm module against one of similar work that runs on the host (JavaScript, through
 * opa-wasm's `opa_builtinN` import: the arguments are dumped to JSON and parsed in JS, the
 * result goes back the same way). Each evaluation calls the built-in once per element of
 * `input.paths`; a third variant without any built-in call gives the floor (input, loop,
 * result), so the marginal cost per call can be compared as well as the whole evaluation.
 *
 * Run: npm run bench:builtins
 */
import { compile, loadCompiledPolicySync } from '@coresdk/rego';
import { formatNs, measure, printTable, type Measurement } from './support/measure';

const PATHS = Array.from({ length: 32 }, (_, index) =>
  index % 2 === 0 ? `/api/items/${index}` : `/admin/users/${index}`,
);
const INPUT = { paths: PATHS };
const EXPECTED_MATCHES = PATHS.filter((path) => path.startsWith('/api/')).length;

interface Variant {
  name: string;
  /** The comprehension condition on `p` (the only difference between variants); null: none. */
  condition: string | null;
  /** The host built-in the variant must call, or null when everything runs in the module. */
  host: string | null;
}

const PAIRS: Array<{ title: string; inModule: Variant; host: Variant }> = [
  {
    title: 'prefix test',
    inModule: { name: 'startswith (in-module)', condition: 'startswith(p, "/api/")', host: null },
    host: {
      name: 'strings.any_prefix_match (host)',
      condition: 'strings.any_prefix_match(p, "/api/")',
      host: 'strings.any_prefix_match',
    },
  },
  {
    title: 'string building',
    inModule: {
      name: 'concat (in-module)',
      condition: 'startswith(concat("", ["x", p]), "x/api/")',
      host: null,
    },
    host: {
      name: 'sprintf (host)',
      condition: 'startswith(sprintf("x%s", [p]), "x/api/")',
      host: 'coresdk.host.sprintf',
    },
  },
];

const FLOOR: Variant = { name: 'no built-in call (floor)', condition: null, host: null };

function policyFor(variant: Variant): { evaluate: () => unknown } {
  const condition = variant.condition === null ? '' : `; ${variant.condition}`;
  const source = `package bench\n\nmatches := count([p | some p in input.paths${condition}])\n`;
  const compiled = compile([{ path: 'bench.rego', source }], {
    entrypoints: ['bench/matches'],
    regoVersion: 'v1',
  });
  if (!compiled.ok || !compiled.wasm) throw new Error(JSON.stringify(compiled.diagnostics));
  const expectedHost = variant.host === null ? [] : [variant.host];
  if (JSON.stringify(compiled.hostBuiltins) !== JSON.stringify(expectedHost))
    throw new Error(`${variant.name}: host built-ins ${JSON.stringify(compiled.hostBuiltins)}`);
  const policy = loadCompiledPolicySync({
    wasm: compiled.wasm,
    hostBuiltins: compiled.hostBuiltins,
  });
  const evaluate = () => policy.evaluate(INPUT, 'bench/matches');
  const want = variant === FLOOR ? PATHS.length : EXPECTED_MATCHES;
  const got = JSON.stringify(evaluate());
  if (got !== `[{"result":${want}}]`) throw new Error(`${variant.name}: unexpected result ${got}`);
  return { evaluate };
}

function perCall(row: Measurement, floor: Measurement): number {
  return Math.max(row.nsPerOp - floor.nsPerOp, 0) / PATHS.length;
}

function main(): void {
  const iterations = 20_000;
  console.log(`# built-ins: ${PATHS.length} calls per evaluation, through opa-wasm`);
  const floor = measure(FLOOR.name, policyFor(FLOOR).evaluate, iterations, 11);
  printTable([floor]);
  for (const pair of PAIRS) {
    console.log(`\n## ${pair.title}`);
    const inModule = measure(pair.inModule.name, policyFor(pair.inModule).evaluate, iterations, 11);
    const host = measure(pair.host.name, policyFor(pair.host).evaluate, iterations / 4, 11);
    printTable([inModule, host], inModule);
    const moduleCall = perCall(inModule, floor);
    const hostCall = perCall(host, floor);
    const ratio = moduleCall > 0 ? `${(hostCall / moduleCall).toFixed(1)}×` : 'n/a';
    console.log(
      `  per call above the floor: in-module ${formatNs(moduleCall)}, host ${formatNs(hostCall)}` +
        ` -> host/in-module ${ratio}`,
    );
  }
}

main();
