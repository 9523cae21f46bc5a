/**
 * HTTP stack benchmark: requests/s and p99 latency of a `GET /whoami`-like endpoint, bare
 * NestJS against the full CoreSDK stack (token verification, service-wide rate limit set
 * too high to trigger, an `@Authorize` policy decision, one audit record and span per
 * request exported through a batch span processor), on Express and on Fastify.
 *
 * Each server runs in its own child process and autocannon drives it from this one, so the
 * load generator does not share the server's event loop. Configurations are measured in
 * interleaved rounds (bare, full, bare, full, ...) so a load change on the machine hits both
 * sides; the best round of each configuration is reported.
 *
 * Run: `npm run bench:http` (options: BENCH_DURATION_S, BENCH_CONNECTIONS, BENCH_ROUNDS).
 */
import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Authorize, Claims, CoreSdkModule, Tenant } from '../libs/core-sdk/src';

type AdapterName = 'express' | 'fastify';
type StackName = 'bare' | 'coresdk';

const ADAPTERS: AdapterName[] = ['express', 'fastify'];
/** Minimum share of bare throughput the full stack must keep, per adapter. */
const GOALS: Record<AdapterName, number> = { express: 0.7, fastify: 0.4 };
const ISSUER = 'https://bench.issuer';
const AUDIENCE = 'coresdk-bench';
const TENANTS = ['acme-corp', 'globex', 'initech'];

// ---------------------------------------------------------------- server (child process)

@Controller('whoami')
class BareWhoamiController {
  @Get()
  whoami(): { tenant_id: string; sub: string } {
    return { tenant_id: 'acme-corp', sub: 'alice' };
  }
}

@Controller('whoami')
class CoreSdkWhoamiController {
  @Authorize('whoami:read')
  @Get()
  whoami(
    @Tenant() tenantId: string,
    @Claims() claims: Readonly<Record<string, unknown>>,
  ): { tenant_id: string; sub: string | null } {
    return { tenant_id: tenantId, sub: typeof claims.sub === 'string' ? claims.sub : null };
  }
}

/** Counts and drops spans: the cost of recording and batching them, without a network. */
class DiscardingSpanExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
}

interface ServeRequest {
  adapter: AdapterName;
  stack: StackName;
  jwksFile: string;
  policyDir: string;
}

async function serve(request: ServeRequest): Promise<void> {
  let rootModule: new () => object;
  if (request.stack === 'bare') {
    @Module({ controllers: [BareWhoamiController] })
    class BareModule {}
    rootModule = BareModule;
  } else {
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({
        spanProcessors: [new BatchSpanProcessor(new DiscardingSpanExporter())],
      }),
    );
    @Module({
      imports: [
        CoreSdkModule.forRoot({
          configFile: false,
          env: {},
          sdk: { serviceName: 'bench', failMode: 'closed' },
          auth: {
            issuer: ISSUER,
            audience: AUDIENCE,
            algorithms: ['RS256'],
            jwksFile: request.jwksFile,
          },
          policies: { dir: request.policyDir, regoVersion: 'v1' },
          rateLimit: { limit: 1_000_000_000, ttl: '60s', storage: 'memory' },
          tenants: TENANTS.map((id) => ({ id })),
        }),
      ],
      controllers: [CoreSdkWhoamiController],
    })
    class CoreSdkBenchModule {}
    rootModule = CoreSdkBenchModule;
  }
  const app: INestApplication =
    request.adapter === 'fastify'
      ? await NestFactory.create(rootModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(rootModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  // Exit on SIGTERM through process.exit so --cpu-prof writes its profile.
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  const address = app.getHttpServer().address() as { port: number };
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
  p99Ms: number;
  averageMs: number;
  total: number;
  failures: number;
}

interface Fixture {
  jwksFile: string;
  policyDir: string;
  tokens: string[];
  remove(): void;
}

async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'coresdk-bench-'));
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwksFile = join(dir, 'jwks.json');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }));
  const policyDir = join(dir, 'policies');
  mkdirSync(join(policyDir, 'tenants'), { recursive: true });
  writeFileSync(
    join(policyDir, 'global.rego'),
    'package coresdk.authz\n\ndefault allow := false\n\nallow if input.action == "whoami:read"\n',
  );
  // One tenant with its own module, the others on the global one: both paths are exercised.
  writeFileSync(
    join(policyDir, 'tenants', 'acme-corp.rego'),
    'package coresdk.authz\n\nallow if {\n\tinput.action == "whoami:read"\n\tinput.user.sub != ""\n}\n',
  );
  const now = Math.floor(Date.now() / 1000);
  const tokens = await Promise.all(
    TENANTS.map((tenant, index) =>
      new SignJWT({ tenant_id: tenant, sub: `user-${index}` })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey),
    ),
  );
  return {
    jwksFile,
    policyDir,
    tokens,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function startServer(request: ServeRequest): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of every server process (node --cpu-prof).
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const child = fork(__filename, ['--serve', JSON.stringify(request)], {
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

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function measure(
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
  const result = await autocannon({ url, connections, duration: durationSeconds, requests });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function better(a: Measurement | undefined, b: Measurement): Measurement {
  return !a || b.requestsPerSecond > a.requestsPerSecond ? b : a;
}

async function main(): Promise<void> {
  const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 8);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const fixture = await createFixture();
  const best = new Map<string, Measurement>();
  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const adapter of ADAPTERS) {
        for (const stack of ['bare', 'coresdk'] as StackName[]) {
          const { child, port } = await startServer({
            adapter,
            stack,
            jwksFile: fixture.jwksFile,
            policyDir: fixture.policyDir,
          });
          try {
            const result = await measure(port, fixture.tokens, durationSeconds, connections);
            if (result.failures > 0) {
              throw new Error(`${adapter}/${stack}: ${result.failures} failed requests`);
            }
            const key = `${adapter}/${stack}`;
            best.set(key, better(best.get(key), result));
            console.log(
              `round ${round} ${key.padEnd(16)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${result.p99Ms} ms`,
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
  report(best, { durationSeconds, connections, rounds });
}

function report(
  best: Map<string, Measurement>,
  settings: { durationSeconds: number; connections: number; rounds: number },
): void {
  console.log(
    `\nGET /whoami, ${settings.connections} connections, ${settings.durationSeconds}s per run, ` +
      `best of ${settings.rounds} rounds, Node ${process.version}\n`,
  );
  console.log('| adapter | stack | req/s | p99 (ms) | avg (ms) | ratio to bare | goal |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  let allMet = true;
  for (const adapter of ADAPTERS) {
    const bare = best.get(`${adapter}/bare`)!;
    const full = best.get(`${adapter}/coresdk`)!;
    const ratio = full.requestsPerSecond / bare.requestsPerSecond;
    const met = ratio >= GOALS[adapter];
    allMet &&= met;
    for (const [stack, m] of [
      ['bare NestJS', bare],
      ['CoreSDK', full],
    ] as const) {
      const isFull = m === full;
      console.log(
        `| ${adapter} | ${stack} | ${m.requestsPerSecond.toFixed(0)} | ${m.p99Ms} | ` +
          `${m.averageMs.toFixed(2)} | ${isFull ? `${(ratio * 100).toFixed(1)}%` : '100%'} | ` +
          `${isFull ? `≥ ${GOALS[adapter] * 100}% ${met ? 'met' : 'MISSED'}` : ''} |`,
      );
    }
  }
  if (!allMet) process.exitCode = 1;
}

if (process.argv[2] === '--serve') {
  serve(JSON.parse(process.argv[3]) as ServeRequest).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
