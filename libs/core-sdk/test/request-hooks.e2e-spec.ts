import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreSdkModule, TenantContext } from '../src';
import { auditSpans, installMemoryExporter } from './support/otel-memory';
import { ADAPTERS, createFixtureApp } from './tenant-support/fixture-app';
import { testOptions } from './tenant-support/test-config';
import { createSigningKey, signToken, type TestSigningKey } from './tenant-support/test-keys';

/**
 * The native request hooks CoreSdkModule installs instead of Nest middleware and a global
 * interceptor: the audit hook runs before any body parsing, the tenant scope after it.
 */
const exporter = installMemoryExporter();
let key: TestSigningKey;
let directory: string;

beforeAll(async () => {
  key = await createSigningKey('key-1');
  directory = mkdtempSync(join(tmpdir(), 'coresdk-hooks-'));
  writeFileSync(join(directory, 'jwks.json'), JSON.stringify({ keys: [key.publicJwk] }));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface RawResponse {
  status: number;
  body: string;
}

/**
 * A POST whose body reaches the server in a later packet than its headers, so the body
 * parser resumes from socket events rather than from the code that saw the headers.
 */
function postInTwoPackets(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.flushHeaders();
    setTimeout(() => call.end(body), 40);
  });
}

async function settledAuditSpanCount(expected: number): Promise<number> {
  const deadline = Date.now() + 2_000;
  while (auditSpans(exporter).length < expected && Date.now() < deadline) await sleep(10);
  await sleep(30); // a duplicate record would show up by now
  return auditSpans(exporter).length;
}

describe.each(ADAPTERS)('CoreSdkModule request hooks on %s', (adapter) => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    const jwksFile = join(directory, 'jwks.json');
    app = await createFixtureApp(adapter, CoreSdkModule.forRoot(testOptions({ jwksFile })));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => exporter.reset());

  it('keeps TenantContext for a POST whose body arrives after its headers', async () => {
    const tokens = {
      acme: await signToken(key, 'acme', { claims: { sub: 'alice' } }),
      globex: await signToken(key, 'globex', { claims: { sub: 'bob' } }),
    };
    const calls = (['acme', 'globex', 'acme', 'globex'] as const).map((tenant, index) =>
      postInTwoPackets(
        port,
        '/whoami',
        { authorization: `Bearer ${tokens[tenant]}` },
        JSON.stringify({ delayMs: 20 - index * 5 }),
      ).then((response) => ({ tenant, response })),
    );
    for (const { tenant, response } of await Promise.all(calls)) {
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body)).toEqual({
        tenant,
        context: { tenant, subject: tenant === 'acme' ? 'alice' : 'bob' },
      });
    }
  });

  it('audits a request whose JSON body the parser rejects, exactly once', async () => {
    const token = await signToken(key, 'acme');
    const response = await postInTwoPackets(
      port,
      '/whoami',
      { authorization: `Bearer ${token}` },
      '{"delayMs": ',
    );
    expect(response.status).toBe(400);
    expect(await settledAuditSpanCount(1)).toBe(1);
    const [span] = auditSpans(exporter);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 400,
      'coresdk.decision': 'deny',
      'http.route': '/whoami',
    });
  });
});

it('starts in an application context, which has no HTTP server to hook into', async () => {
  @Module({
    imports: [CoreSdkModule.forRoot(testOptions({ jwksFile: join(directory, 'jwks.json') }))],
  })
  class WorkerModule {}
  const context = await NestFactory.createApplicationContext(WorkerModule, {
    logger: false,
    abortOnError: false,
  });
  try {
    expect(context.get(TenantContext).current()).toBeUndefined();
  } finally {
    await context.close();
  }
});
