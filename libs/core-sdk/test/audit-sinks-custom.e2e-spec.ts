import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AUDIT_SINKS,
  AuditStats,
  CoreSdkModule,
  type AuditRecord,
  type Deliver,
  type DeliveryPolicy,
  TenantRoutedSink,
} from '../src';
import { AuthorizedRoutesController } from './authz-support/authz-fixture-app';
import { listen, timedGet } from './authz-support/concurrent-requests';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import { standardPolicyFiles, writePolicyDir, type PolicyDir } from './authz-support/policy-dir';
import { authzOptions } from './authz-support/test-options';
import { installMemoryExporter } from './support/otel-memory';

installMemoryExporter();

/** Stands in for an object store: one "object" per delivered batch, keyed by tenant. */
class ObjectStoreSink extends TenantRoutedSink {
  readonly objects = new Map<string, AuditRecord[][]>();

  constructor(policy: DeliveryPolicy & { shutdownTimeoutMs: number }, stats: AuditStats) {
    super('object-store', policy, stats);
  }

  protected deliverer(stream: string): Deliver {
    return async (batch) => {
      this.objects.set(stream, [...(this.objects.get(stream) ?? []), batch]);
    };
  }
}

let issuer: IssuerFixture;
let policies: PolicyDir;
beforeAll(async () => {
  issuer = await createIssuer();
  policies = writePolicyDir(standardPolicyFiles());
});
afterAll(() => {
  issuer.remove();
  policies.remove();
});

describe('a custom tenant-routed sink registered under AUDIT_SINKS (the S3/GCS extension point)', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('receives per-tenant batches, is flushed on shutdown and counts in AuditStats', async () => {
    const stats = new AuditStats();
    const sink = new ObjectStoreSink(
      {
        batchSize: 100,
        flushIntervalMs: 3_600_000,
        maxQueue: 100,
        retryBackoffMs: 10,
        maxRetryBackoffMs: 10,
        shutdownTimeoutMs: 1_000,
      },
      stats,
    );

    @Global()
    @Module({ providers: [{ provide: AUDIT_SINKS, useValue: [sink] }], exports: [AUDIT_SINKS] })
    class AuditSinksModule {}

    @Module({
      imports: [
        AuditSinksModule,
        CoreSdkModule.forRoot(authzOptions(issuer.jwksFile, policies.dir)),
      ],
      controllers: [AuthorizedRoutesController],
    })
    class AppModule {}

    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    const base = await listen(app);
    await timedGet(`${base}/plain`, await issuer.token('acme'));
    await timedGet(`${base}/plain`, await issuer.token('globex'));
    await timedGet(`${base}/plain`, await issuer.token('globex'));
    await timedGet(`${base}/plain`);
    expect(sink.objects.size).toBe(0); // batched, not yet due

    await app.close();
    app = undefined;
    expect(sink.objects.get('acme')).toEqual([[expect.objectContaining({ tenant_id: 'acme' })]]);
    expect(sink.objects.get('globex')?.flat()).toHaveLength(2);
    expect(sink.objects.get('_unauthenticated')?.flat()).toEqual([
      expect.objectContaining({ status: 401 }),
    ]);
    expect(stats.snapshot().sinks['object-store']).toEqual({
      acme: { delivered: 1, dropped: 0 },
      globex: { delivered: 2, dropped: 0 },
      _unauthenticated: { delivered: 1, dropped: 0 },
    });
  });
});
