/**
 * The two apps the HTTP stack benchmarks compare (bare NestJS and the full CoreSDK stack
 * serving the same `GET /whoami`) and the keys, tokens and policies they use. Shared by the
 * socket benchmark (`http-stack.bench.ts`) and its in-process variant (`BENCH_MODE=inject`).
 */
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
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Authorize, Claims, CoreSdkModule, Tenant, TenantContext } from '../../libs/core-sdk/src';

export type AdapterName = 'express' | 'fastify';
/**
 * `coresdk`: the whole stack, the handler reading the caller from `TenantContext` (no
 * handler parameters, like the bare handler: Nest then takes the same path for both).
 * `coresdk-uncached`: the same with `[policies].decision_cache = 0`, so every request
 * evaluates its tenant's Wasm module (this bench's three tokens on one route otherwise hit
 * the decision cache on every request after the first few).
 * `coresdk-params`: the same stack, the handler taking `@Tenant()` and `@Claims()`
 * parameters: what Nest's parameter pipeline adds (it runs for any decorated parameter).
 */
export type StackName = 'bare' | 'coresdk' | 'coresdk-uncached' | 'coresdk-params';

const ISSUER = 'https://bench.issuer';
const AUDIENCE = 'coresdk-bench';
const TENANTS = ['acme-corp', 'globex', 'initech'];

@Controller('whoami')
class BareWhoamiController {
  @Get()
  whoami(): { tenant_id: string; sub: string } {
    return { tenant_id: 'acme-corp', sub: 'alice' };
  }
}

@Controller('whoami')
class CoreSdkWhoamiController {
  constructor(private readonly tenant: TenantContext) {}

  @Authorize('whoami:read')
  @Get()
  whoami(): { tenant_id: string; sub: string | null } {
    return { tenant_id: this.tenant.tenantId, sub: this.tenant.subject };
  }
}

@Controller('whoami')
class CoreSdkWhoamiParamsController {
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

export interface BenchAppRequest {
  adapter: AdapterName;
  stack: StackName;
  jwksFile: string;
  policyDir: string;
}

/** Creates and initialises (without listening) one of the compared apps. */
export async function createBenchApp(request: BenchAppRequest): Promise<INestApplication> {
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
          policies: {
            dir: request.policyDir,
            regoVersion: 'v1',
            ...(request.stack === 'coresdk-uncached' && { decisionCache: 0 }),
          },
          rateLimit: { limit: 1_000_000_000, ttl: '60s', storage: 'memory' },
          tenants: TENANTS.map((id) => ({ id })),
        }),
      ],
      controllers: [
        request.stack === 'coresdk-params'
          ? CoreSdkWhoamiParamsController
          : CoreSdkWhoamiController,
      ],
    })
    class CoreSdkBenchModule {}
    rootModule = CoreSdkBenchModule;
  }
  const app: INestApplication =
    request.adapter === 'fastify'
      ? await NestFactory.create(rootModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(rootModule, { logger: false });
  await app.init();
  return app;
}

export interface Fixture {
  jwksFile: string;
  policyDir: string;
  tokens: string[];
  remove(): void;
}

export async function createFixture(): Promise<Fixture> {
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
