import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { AppModule } from '../../../apps/sample/src/app.module';
import type { SampleDatabaseSettings } from '../../../apps/sample/src/database/open-sample-database';

export type AdapterName = 'express' | 'fastify';
export const ADAPTERS: AdapterName[] = ['express', 'fastify'];

/** The repository's own configuration and policies: what `npm start` serves. */
export const REPO_CONFIG_FILE = join(__dirname, '..', '..', '..', 'coresdk.toml');

/**
 * Boots the sample exactly as main.ts composes it, with the test issuer's JWKS as key source,
 * no CORESDK_* environment, a rate limit the suites cannot reach, and the given database.
 */
export async function startSampleApp(
  adapter: AdapterName,
  jwksFile: string,
  database: SampleDatabaseSettings,
): Promise<INestApplication> {
  const module = AppModule.register(
    {
      configFile: REPO_CONFIG_FILE,
      env: {},
      auth: { jwksFile },
      rateLimit: { limit: 1_000_000 },
    },
    { database },
  );
  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  await app.init();
  return app;
}
