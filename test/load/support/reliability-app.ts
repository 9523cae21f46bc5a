import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CoreSdkModule, type CoreSdkModuleOptions } from '@coresdk/core-sdk';
import { AUDIT_SINKS } from '@coresdk/core-sdk/audit/audit-sink.interface';
import { CountingAuditSink } from './counting-audit-sink';
import { TenantRecordsController, TenantRecordsService } from './tenant-records';

export type AdapterName = 'express' | 'fastify';

/** One running app instance and its own audit sink. */
export interface ReliabilityInstance {
  app: INestApplication;
  url: string;
  audit: CountingAuditSink;
}

/**
 * Starts the records fixture with `CoreSdkModule.forRoot(options)` on a loopback port. The
 * sink is provided by a global module because CoreSDK's recorder looks AUDIT_SINKS up
 * from inside its own (global) module.
 */
export async function startReliabilityInstance(
  adapter: AdapterName,
  options: CoreSdkModuleOptions,
): Promise<ReliabilityInstance> {
  const audit = new CountingAuditSink();

  @Global()
  @Module({ providers: [{ provide: AUDIT_SINKS, useValue: [audit] }], exports: [AUDIT_SINKS] })
  class AuditSinkModule {}

  @Module({
    imports: [AuditSinkModule, CoreSdkModule.forRoot(options)],
    controllers: [TenantRecordsController],
    providers: [TenantRecordsService],
  })
  class ReliabilityFixtureModule {}

  const app =
    adapter === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(
          ReliabilityFixtureModule,
          new FastifyAdapter(),
          {
            logger: false,
            abortOnError: false,
          },
        )
      : await NestFactory.create(ReliabilityFixtureModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, audit };
}
