import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Injectable,
  Module,
  Post,
  type DynamicModule,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { Claims, CoreSdkModule, Public, Tenant, TenantContext } from '../../src';
import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import type { TokenClaims } from '../../src/tenant/verified-tenant.interface';

export type AdapterName = 'express' | 'fastify';
export const ADAPTERS: AdapterName[] = ['express', 'fastify'];

/** A service deep in the call chain that learns the tenant only from TenantContext. */
@Injectable()
export class TenantEchoService {
  constructor(private readonly context: TenantContext) {}

  async describeAfter(delayMs: number): Promise<{ tenant: string; subject: string | null }> {
    await sleep(delayMs);
    return { tenant: this.context.tenantId, subject: this.context.subject };
  }
}

@Controller()
export class FixtureController {
  constructor(private readonly echo: TenantEchoService) {}

  @Get('whoami')
  async whoami(@Tenant() tenant: string, @Claims() claims: TokenClaims) {
    const fromContext = await this.echo.describeAfter(5);
    return { tenant, subject: claims.sub, context: fromContext };
  }

  /** POST with a JSON body: the context must survive body parsing on Fastify too. */
  @Post('whoami')
  async whoamiPost(@Tenant() tenant: string, @Body() body: { delayMs?: number }) {
    const fromContext = await this.echo.describeAfter(body.delayMs ?? 5);
    return { tenant, context: fromContext };
  }

  @Get('claims-are-frozen')
  claimsAreFrozen(@Claims() claims: TokenClaims) {
    try {
      (claims as Record<string, unknown>).tenant_id = 'globex';
    } catch {
      // strict mode: assigning to a frozen object throws
    }
    return { frozen: Object.isFrozen(claims), tenant: claims.tenant_id };
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Public()
  @Get('public-tenant')
  publicTenant(@Tenant() tenant: string) {
    return { tenant };
  }

  @Get('bad-request')
  badRequest(): never {
    throw new BadRequestException('quantity must be positive');
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password rejected at /srv/app/secret.ts:42');
  }
}

@Public()
@Controller('open')
export class PublicController {
  @Get()
  open() {
    return { open: true };
  }
}

/** Builds and starts the fixture app, importing `coreSdk`, on one adapter. */
export async function createFixtureApp(
  adapter: AdapterName,
  coreSdk: DynamicModule,
): Promise<INestApplication> {
  @Module({
    imports: [coreSdk],
    controllers: [FixtureController, PublicController],
    providers: [TenantEchoService],
  })
  class FixtureModule {}

  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(
      FixtureModule,
      new FastifyAdapter(),
      { logger: false, abortOnError: false },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
  const app = await NestFactory.create(FixtureModule, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

/** The fixture app with `CoreSdkModule.forRoot(options)`. */
export function createAppWithOptions(
  adapter: AdapterName,
  options: CoreSdkModuleOptions,
): Promise<INestApplication> {
  return createFixtureApp(adapter, CoreSdkModule.forRoot(options));
}
