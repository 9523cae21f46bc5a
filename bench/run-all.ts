/**
 * `npm run bench`: every benchmark in sequence, each in its own process through its own npm
 * script (so each is run exactly as documented in BENCHMARKS.md), its output streamed
 * through, then one summary of the lines that state results and goals.
 *
 * Knobs: BENCH_ONLY=decision,jwt (names below) runs a subset; each bench's own knobs
 * (BENCH_DURATION_S, BENCH_TENANTS, ...) pass through the environment.
 * Exit status: 1 when any bench exited non-zero (the HTTP bench does so when a goal is
 * missed), else 0.
 */
import { spawn } from 'node:child_process';
import { machineNotes } from './support/machine';

interface Bench {
  name: string;
  script: string;
  /** Which output lines go into the summary. */
  summary: RegExp;
}

const BENCHES: Bench[] = [
  { name: 'compiler', script: 'bench:compiler', summary: /goal:/ },
  { name: 'decision', script: 'bench:decision', summary: /goal:|result:/ },
  {
    name: 'tenants',
    script: 'bench:tenants',
    summary: /goal:|result:|\d instances:|compiled modules held/,
  },
  { name: 'builtins', script: 'bench:builtins', summary: /per call above the floor|\(host\)/ },
  { name: 'jwt', script: 'bench:jwt', summary: /result:/ },
  { name: 'http', script: 'bench:http', summary: /\| CoreSDK \||FAILED/ },
];

interface Outcome {
  bench: Bench;
  exitCode: number | null;
  seconds: number;
  lines: string[];
}

function run(bench: Bench): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', bench.script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let pending = '';
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      lines.push(...complete.filter((line) => bench.summary.test(line)));
    });
    const finish = (exitCode: number | null) => {
      if (pending && bench.summary.test(pending)) lines.push(pending);
      resolve({ bench, exitCode, seconds: (Date.now() - started) / 1000, lines });
    };
    child.once('error', (error) => {
      lines.push(`could not start: ${error.message}`);
      finish(null);
    });
    child.once('close', finish);
  });
}

function selected(): Bench[] {
  const only = process.env.BENCH_ONLY;
  if (!only) return BENCHES;
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
  if (unknown.length > 0)
    throw new Error(
      `BENCH_ONLY: unknown bench ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`,
    );
  return BENCHES.filter((bench) => names.includes(bench.name));
}

async function main(): Promise<void> {
  const benches = selected();
  const machineAtStart = machineNotes();
  const outcomes: Outcome[] = [];
  for (const bench of benches) {
    console.log(`\n======== ${bench.name} (npm run -s ${bench.script}) ========`);
    outcomes.push(await run(bench));
  }
  console.log('\n======== summary ========');
  console.log(`  started: ${machineAtStart}`);
  console.log(`  ended:   ${machineNotes()}`);
  for (const { bench, exitCode, seconds, lines } of outcomes) {
    const status = exitCode === 0 ? 'ok' : `exit ${exitCode ?? 'n/a'}`;
    console.log(`\n[${bench.name}] ${status}, ${seconds.toFixed(0)} s (npm run ${bench.script})`);
    for (const line of lines) console.log(`  ${line.trim()}`);
  }
  if (outcomes.some((outcome) => outcome.exitCode !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
