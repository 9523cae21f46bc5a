import {
  Body,
  Controller,
  Get,
  Global,
  Module,
  Post,
  Req,
  type INestApplication,
  type Provider,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authorize, CoreSdkModule, readVerifiedTenant, Tenant } from '../../src';
import type { CoreSdkModuleOptions } from '../../src/config/core-sdk-options.interface';
import type { AdapterName } from '../tenant-support/fixture-app';

/** Routes that show which tenant a request acts on, and two policy-decided actions. */
@Controller()
export class TenancyFixtureController {
  @Get('whoami')
  whoami(@Tenant() tenant: string, @Req() request: object) {
    return { tenant, home: readVerifiedTenant(request)?.homeTenantId ?? null };
  }

  @Post('whoami')
  whoamiPost(@Tenant() tenant: string, @Body() _body: unknown) {
    return { tenant };
  }

  @Authorize('orders:read')
  @Get('orders')
  orders(@Tenant() tenant: string) {
    return { tenant, orders: [] };
  }

  @Authorize('orders:write')
  @Post('orders')
  writeOrder(@Tenant() tenant: string) {
    return { tenant, written: true };
  }

  @Authorize('billing:run')
  @Post('billing')
  billing(@Tenant() tenant: string, @Req() request: object) {
    return { tenant, home: readVerifiedTenant(request)?.homeTenantId ?? null };
  }
}

/**
 * The global policy of the tenancy specs: everyone reads orders, editors write them, and
 * `billing:run` is only for the billing service acting on a tenant through a service token.
 */
export const TENANCY_GLOBAL_POLICY = `package coresdk.authz

default allow := false

allow if input.action == "orders:read"

allow if {
	input.action == "orders:write"
	is_editor
}

# A helper tenant modules may use (one spec removes it to break a stored module).
is_editor if input.user.role == "editor"

allow if {
	input.action == "billing:run"
	input.cross_tenant == true
	input.home_tenant_id == "svc-billing"
	input.tenant_id != input.home_tenant_id
}
`;

/**
 * Starts the fixture app on one adapter. `globalProviders` are visible to CoreSdkModule
 * (e.g. `CROSS_TENANT_AUDIT_SINKS`), as an application provides them from a global module.
 */
export async function createTenancyApp(
  adapter: AdapterName,
  options: CoreSdkModuleOptions,
  globalProviders: Provider[] = [],
): Promise<INestApplication> {
  @Global()
  @Module({ providers: globalProviders, exports: globalProviders })
  class ExtrasModule {}

  @Module({
    imports: [ExtrasModule, CoreSdkModule.forRoot(options)],
    controllers: [TenancyFixtureController],
  })
  class TenancyFixtureModule {}

  if (adapter === 'fastify') {
    const app = await NestFactory.create<NestFastifyApplication>(
      TenancyFixtureModule,
      new FastifyAdapter(),
      { logger: false, abortOnError: false },
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }
  const app = await NestFactory.create(TenancyFixtureModule, {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return app;
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 5_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
