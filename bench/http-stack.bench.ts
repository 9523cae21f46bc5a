/**
 * HTTP stack benchmark: requests/s and p99 latency of a `GET /whoami`-like endpoint, bare
 * NestJS against the full CoreSDK stack (token verification, service-wide rate limit set
 * too high to trigger, an `@Authorize` policy decision, one audit record and span per
 * request exported through a batch span processor), on Express and on Fastify. The full
 * stack runs twice: with its defaults (the goal is judged on these) and with the policy
 * decision cache off, so the cost of evaluating the Wasm module on every request shows.
 *
 * Each server runs in its own child process and autocannon drives it from this one, so the
 * load generator does not share the server's event loop. Configurations are measured in
 * interleaved rounds (bare, full, full uncached, full with parameters, bare, ...); each
 * round's ratio to the bare run just before it is a paired measurement of one state of the
 * machine, and the goals are judged on the median of these paired ratios. The best round of
 * each configuration is reported too.
 *
 * Run: `npm run bench:http` (options: BENCH_DURATION_S, BENCH_CONNECTIONS, BENCH_ROUNDS,
 * BENCH_ADAPTERS=express|fastify|express,fastify, BENCH_CPU_PROF_DIR).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { measureInProcess } from './support/http-stack-inject';
import {
  createBenchApp,
  createFixture,
  type AdapterName,
  type BenchAppRequest,
  type StackName,
} from './support/http-stack-apps';

const ALL_ADAPTERS: AdapterName[] = ['express', 'fastify'];
/** `BENCH_ADAPTERS=fastify` (comma-separated) measures only the adapters named. */
const ADAPTERS: AdapterName[] = selectedAdapters(process.env.BENCH_ADAPTERS);

function selectedAdapters(setting: string | undefined): AdapterName[] {
  if (setting === undefined || setting.trim() === '') return ALL_ADAPTERS;
  const names = setting.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !ALL_ADAPTERS.includes(name as AdapterName));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ADAPTERS: unknown adapter(s) ${unknown.join(', ')}; use express, fastify`,
    );
  }
  return names as AdapterName[];
}
/** Measured in this order each round; the goal is judged on `coresdk`, the others reported. */
const STACKS: StackName[] = ['bare', 'coresdk', 'coresdk-uncached', 'coresdk-params'];
/** Minimum share of bare throughput the full stack must keep, per adapter. */
const GOALS: Record<AdapterName, number> = { express: 0.7, fastify: 0.4 };

// ---------------------------------------------------------------- server (child process)

async function serve(request: BenchAppRequest): Promise<void> {
  const app = await createBenchApp(request);
  await app.listen(0, '127.0.0.1');
  // Exit on SIGTERM through process.exit so --cpu-prof writes its profile.
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  const address = app.getHttpServer().address() as { port: number };
  // The parent asks for this process's CPU time around a run: CPU per request does not
  // depend on whether the load generator or the server was the bottleneck.
  process.on('message', (message) => {
    if (message === 'cpu-usage') process.send?.({ cpu: process.cpuUsage() });
  });
  process.send?.({ port: address.port });
}

// ---------------------------------------------------------------- load (parent process)

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations; the two fields read above are all we need.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

interface Measurement {
  requestsPerSecond: number;
  /** Server process CPU time (user + system) per request, in microseconds. */
  serverCpuMicrosPerRequest: number;
  p99Ms: number;
  averageMs: number;
  total: number;
  failures: number;
  failureDetail: string;
}

async function startServer(
  request: BenchAppRequest,
): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of every server process (node --cpu-prof).
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const child: ChildProcess = fork(__filename, ['--serve', JSON.stringify(request)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) =>
      reject(new Error(`${request.adapter}/${request.stack} exited ${code}`)),
    );
  });
  return { child, port };
}

function serverCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      const cpu = (message as { cpu?: NodeJS.CpuUsage }).cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', onMessage);
    child.send('cpu-usage');
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function measure(
  child: ChildProcess,
  port: number,
  tokens: string[],
  durationSeconds: number,
  connections: number,
): Promise<Measurement> {
  const url = `http://127.0.0.1:${port}`;
  // Every connection cycles through the tenants' tokens, so several policy modules and
  // cached verifications are in play, as in a real multi-tenant service.
  const requests = tokens.map((token) => ({
    method: 'GET',
    path: '/whoami',
    headers: { authorization: `Bearer ${token}` },
  }));
  await autocannon({ url, connections, duration: 2, requests }); // warm-up (JIT, caches)
  const cpuBefore = await serverCpuMicros(child);
  const result = await autocannon({ url, connections, duration: durationSeconds, requests });
  const cpuAfter = await serverCpuMicros(child);
  return {
    serverCpuMicrosPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    failureDetail: `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  };
}

function better(a: Measurement | undefined, b: Measurement): Measurement {
  return !a || b.requestsPerSecond > a.requestsPerSecond ? b : a;
}

async function main(): Promise<void> {
  const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const fixture = await createFixture();
  const best = new Map<string, Measurement>();
  /** Every round's measurement by configuration, in round order (for the paired ratios). */
  const byRound = new Map<string, Measurement[]>();
  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const adapter of ADAPTERS) {
        for (const stack of STACKS) {
          const { child, port } = await startServer({
            adapter,
            stack,
            jwksFile: fixture.jwksFile,
            policyDir: fixture.policyDir,
          });
          try {
            const result = await measure(child, port, fixture.tokens, durationSeconds, connections);
            // Failures are reported, not fatal: on a loaded machine a descheduled policy
            // evaluation can overrun its wall-clock budget and fail closed (403).
            const failed = result.failures > 0 ? `  FAILED ${result.failureDetail}` : '';
            const key = `${adapter}/${stack}`;
            best.set(key, better(best.get(key), result));
            byRound.set(key, [...(byRound.get(key) ?? []), result]);
            console.log(
              `round ${round} ${key.padEnd(24)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  ` +
                `p99 ${result.p99Ms} ms  server CPU ${result.serverCpuMicrosPerRequest.toFixed(0)} µs/req${failed}`,
            );
          } finally {
            await stopServer(child);
          }
        }
      }
    }
  } finally {
    fixture.remove();
  }
  report(best, byRound, { durationSeconds, connections, rounds });
}

/**
 * Each round's req/s of `stack` over the same round's bare req/s: the two ran back to back,
 * so they saw the same state of the machine. The median of these paired ratios is what the
 * goals are judged on; the ratio of the two best rounds can pair a fast moment of one with
 * a slow moment of the other (on this shared machine a round varies by up to ±30 %).
 */
function pairedRatios(byRound: Map<string, Measurement[]>, adapter: string, stack: string) {
  const bare = byRound.get(`${adapter}/bare`) ?? [];
  const other = byRound.get(`${adapter}/${stack}`) ?? [];
  const ratios = other
    .map((m, round) => m.requestsPerSecond / (bare[round]?.requestsPerSecond ?? Number.NaN))
    .filter((ratio) => Number.isFinite(ratio))
    .sort((a, b) => a - b);
  const middle = Math.floor(ratios.length / 2);
  const median =
    ratios.length % 2 === 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
  return { median, min: ratios[0], max: ratios[ratios.length - 1] };
}

function report(
  best: Map<string, Measurement>,
  byRound: Map<string, Measurement[]>,
  settings: { durationSeconds: number; connections: number; rounds: number },
): void {
  console.log(
    `\nGET /whoami, ${settings.connections} connections, ${settings.durationSeconds}s per run, ` +
      `${settings.rounds} rounds (best round of each shown), Node ${process.version}\n`,
  );
  console.log(
    '| adapter | stack | req/s | p99 (ms) | server CPU (µs/req) | best vs best | ' +
      'bare CPU / CoreSDK CPU | paired req/s vs bare: median (range) | goal (paired median) |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  let allMet = true;
  for (const adapter of ADAPTERS) {
    const bare = best.get(`${adapter}/bare`)!;
    const full = best.get(`${adapter}/coresdk`)!;
    const paired = (stack: string): string => {
      const { median, min, max } = pairedRatios(byRound, adapter, stack);
      return `${percent(median)} (${percent(min)}–${percent(max)})`;
    };
    const met = pairedRatios(byRound, adapter, 'coresdk').median >= GOALS[adapter];
    allMet &&= met;
    const row = (stack: string, m: Measurement, cells: string[]): void =>
      console.log(
        `| ${adapter} | ${stack} | ${m.requestsPerSecond.toFixed(0)} | ${m.p99Ms} | ` +
          `${m.serverCpuMicrosPerRequest.toFixed(0)} | ${cells.join(' | ')} |`,
      );
    row('bare NestJS', bare, ['100%', '100%', '100%', '']);
    row('CoreSDK', full, [
      percent(full.requestsPerSecond / bare.requestsPerSecond),
      percent(bare.serverCpuMicrosPerRequest / full.serverCpuMicrosPerRequest),
      paired('coresdk'),
      `≥ ${GOALS[adapter] * 100}%: ${met ? 'met' : 'MISSED'}`,
    ]);
    // Reported, not judged: every request evaluating its policy; parameter decorators.
    const variants: Array<[StackName, string]> = [
      ['coresdk-uncached', 'CoreSDK, decision cache off'],
      ['coresdk-params', 'CoreSDK, @Tenant() @Claims() parameters'],
    ];
    for (const [stack, label] of variants) {
      const variant = best.get(`${adapter}/${stack}`)!;
      row(label, variant, [
        percent(variant.requestsPerSecond / bare.requestsPerSecond),
        percent(bare.serverCpuMicrosPerRequest / variant.serverCpuMicrosPerRequest),
        paired(stack),
        'reported',
      ]);
    }
  }
  if (!allMet) process.exitCode = 1;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

if (process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3]) as BenchAppRequest).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const run = process.env.BENCH_MODE === 'inject' ? () => measureInProcess(ADAPTERS, GOALS) : main;
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
