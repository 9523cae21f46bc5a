import {
  Controller,
  Get,
  Module,
  Param,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authorize, Public, Tenant } from '../../src';
import type { AdapterName } from '../tenant-support/fixture-app';

/** Controller-level action; one handler overrides it (the handler wins). */
@Authorize('analytics:read')
@Controller('analytics')
export class AnalyticsController {
  @Get()
  read(@Tenant() tenant: string) {
    return { tenant, analytics: true };
  }

  @Authorize('products:read')
  @Get('summary')
  summary() {
    return { summary: true };
  }
}

@Controller()
export class AuthorizedRoutesController {
  @Authorize('products:read')
  @Get('products')
  products(@Tenant() tenant: string) {
    return { tenant, products: [] };
  }

  @Authorize('products:write')
  @Get('products/write')
  write() {
    return { written: true };
  }

  @Authorize('reports:read')
  @Get('reports')
  reports() {
    return { reports: true };
  }

  @Authorize({
    action: 'documents:read',
    resource: (request: { params: { owner: string } }) => ({ owner: request.params.owner }),
  })
  @Get('documents/:owner')
  document(@Param('owner') owner: string) {
    return { owner };
  }

  @Authorize({
    action: 'input:inspect',
    resource: (request: { params: { id: string } }) => ({ id: request.params.id }),
  })
  @Get('inspect/:id')
  inspect() {
    return { inspected: true };
  }

  @Authorize('tenants:peek')
  @Get('peek')
  peek() {
    return { peeked: true };
  }

  @Authorize('not:boolean')
  @Get('not-boolean')
  notBoolean() {
    return { reached: true };
  }

  @Authorize('engine:trap')
  @Get('trap')
  trap() {
    return { reached: true };
  }

  @Authorize({
    action: 'products:read',
    resource: () => {
      throw new Error('resource lookup failed');
    },
  })
  @Get('broken-resource')
  brokenResource() {
    return { reached: true };
  }

  /** No @Authorize: authenticated and rate-limited, never policy-checked. */
  @Get('plain')
  plain(@Tenant() tenant: string) {
    return { tenant, plain: true };
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** @Authorize on a public route: no verified tenant, so no policy can allow it. */
  @Public()
  @Authorize('products:read')
  @Get('public-authorized')
  publicAuthorized() {
    return { reached: true };
  }
}

export const AUTHZ_CONTROLLERS: Type[] = [AnalyticsController, AuthorizedRoutesController];

/** Builds and initialises an app importing `coreSdk` with `controllers`, on one adapter. */
export async function createApp(
  adapter: AdapterName,
  coreSdk: DynamicModule,
  controllers: Type[] = AUTHZ_CONTROLLERS,
): Promise<INestApplication> {
  @Module({ imports: [coreSdk], controllers })
  class AuthzFixtureModule {}

  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(
      AuthzFixtureModule,
      new FastifyAdapter(),
      { logger: false, abortOnError: false },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
  const app = await NestFactory.create(AuthzFixtureModule, {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return app;
}
