import './telemetry';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CoreSdkModuleOptions } from '@coresdk/core-sdk';
import { AppModule } from './app.module';
import { ensureDevelopmentKeys, needsDevelopmentKeys } from './dev/dev-keys';

async function bootstrap(): Promise<void> {
  const logger = new Logger('sample');
  const overrides: CoreSdkModuleOptions = {};
  const useDevelopmentKeys = needsDevelopmentKeys();
  if (useDevelopmentKeys) {
    overrides.auth = { jwksFile: await ensureDevelopmentKeys() };
    logger.warn(
      'no key source configured: using the development key pair in .dev-keys/ ' +
        '(mint a token with `npm run token -- --tenant acme-corp --sub alice`)',
    );
  }
  const module = AppModule.register(overrides, { serveDevelopmentJwks: useDevelopmentKeys });
  const app =
    process.env.SAMPLE_ADAPTER === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter())
      : await NestFactory.create(module);
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, '0.0.0.0');
  logger.log(`listening on http://localhost:${port}`);
}

bootstrap().catch((error: unknown) => {
  // Startup errors (bad coresdk.toml, policy compile errors) carry their own fix hints.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
