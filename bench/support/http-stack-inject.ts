/**
 * In-process variant of the HTTP stack benchmark (`BENCH_MODE=inject`): both apps of an
 * adapter live in this process and are driven through injected requests (Fastify's
 * `inject`, light-my-request for Express), without sockets. It measures the CPU each stack
 * spends per request in alternating blocks, so a load change on a shared machine hits both
 * sides alike, and kernel/network costs, which dominate and vary on a loaded loopback, stay
 * out. The injection itself costs the same on both sides, so it narrows the gap a little.
 */
import type { INestApplication } from '@nestjs/common';
import inject from 'light-my-request';
import { createBenchApp, createFixture, type AdapterName, type StackName } from './http-stack-apps';

type Send = (authorization: string) => Promise<number>;

interface FastifyInjector {
  ready(): Promise<unknown>;
  inject(options: {
    method: 'GET';
    url: string;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number }>;
}

async function injector(app: INestApplication, adapter: AdapterName): Promise<Send> {
  const headers = (authorization: string) => ({ authorization });
  if (adapter === 'fastify') {
    const fastify = app.getHttpAdapter().getInstance() as FastifyInjector;
    await fastify.ready();
    return async (authorization) =>
      (await fastify.inject({ method: 'GET', url: '/whoami', headers: headers(authorization) }))
        .statusCode;
  }
  const express = app.getHttpAdapter().getInstance() as Parameters<typeof inject>[0];
  return async (authorization) =>
    (await inject(express, { method: 'GET', url: '/whoami', headers: headers(authorization) }))
      .statusCode;
}

/** Responses other than 200, by status (e.g. 403 when the policy's time budget ran out). */
const failures = new Map<number, number>();

/** Server-side CPU microseconds per request over `count` requests, `concurrency` in flight. */
async function cpuPerRequest(
  send: Send,
  authorizations: string[],
  count: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const status = await send(authorizations[index % authorizations.length]);
      if (status !== 200) failures.set(status, (failures.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the in-process comparison for `adapters` and prints one table. */
export async function measureInProcess(
  adapters: AdapterName[],
  goals: Record<AdapterName, number>,
): Promise<void> {
  const blockSize = Number(process.env.BENCH_INJECT_REQUESTS ?? 2_000);
  const blocks = Number(process.env.BENCH_ROUNDS ?? 2) * 4;
  const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const fixture = await createFixture();
  const authorizations = fixture.tokens.map((token) => `Bearer ${token}`);
  const rows: string[] = [];
  let allMet = true;
  try {
    for (const adapter of adapters) {
      const apps = new Map<StackName, INestApplication>();
      const senders = new Map<StackName, Send>();
      const samples = new Map<StackName, number[]>([
        ['bare', []],
        ['coresdk', []],
      ]);
      for (const stack of ['bare', 'coresdk'] as StackName[]) {
        const app = await createBenchApp({ adapter, stack, ...fixture });
        apps.set(stack, app);
        senders.set(stack, await injector(app, adapter));
        await cpuPerRequest(senders.get(stack)!, authorizations, blockSize, concurrency); // warm-up
      }
      for (let block = 0; block < blocks; block += 1) {
        for (const stack of ['bare', 'coresdk'] as StackName[]) {
          samples
            .get(stack)!
            .push(await cpuPerRequest(senders.get(stack)!, authorizations, blockSize, concurrency));
        }
      }
      for (const app of apps.values()) await app.close();
      const bare = median(samples.get('bare')!);
      const full = median(samples.get('coresdk')!);
      const ratio = bare / full;
      const met = ratio >= goals[adapter];
      allMet &&= met;
      console.log(
        `${adapter}: bare ${samples
          .get('bare')!
          .map((v) => v.toFixed(0))
          .join(' ')} µs/req; ` +
          `coresdk ${samples
            .get('coresdk')!
            .map((v) => v.toFixed(0))
            .join(' ')} µs/req`,
      );
      rows.push(
        `| ${adapter} | ${bare.toFixed(0)} | ${full.toFixed(0)} | ${(ratio * 100).toFixed(1)}% | ` +
          `≥ ${goals[adapter] * 100}%: ${met ? 'met' : 'MISSED'} |`,
      );
    }
  } finally {
    fixture.remove();
  }
  console.log(
    `\nIn-process GET /whoami, ${blocks} alternating blocks of ${blockSize} requests per stack, ` +
      `${concurrency} in flight, median block, Node ${process.version}\n`,
  );
  console.log('| adapter | bare CPU (µs/req) | CoreSDK CPU (µs/req) | bare / CoreSDK | goal |');
  console.log('|---|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
  if (failures.size > 0) {
    // Counted, not fatal: on a loaded machine a descheduled evaluation can overrun the
    // policy's wall-clock budget and fail closed (403). Many failures would skew the CPU.
    console.log(
      `\nnon-200 responses (status: count): ${[...failures].map(([s, n]) => `${s}: ${n}`).join(', ')}`,
    );
  }
  if (!allMet) process.exitCode = 1;
}
