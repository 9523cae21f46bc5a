import {
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerModuleOptions } from '@nestjs/throttler';
import { AUDIT_RECORDER } from './audit/audit.constants';
import { AuditRecorder } from './audit/audit-recorder';
import type { AuditSink } from './audit/audit-sink.interface';
import { AuditSinkHost } from './audit/sinks/audit-sink.host';
import { AuditStats } from './audit/sinks/audit-stats';
import { AuthorizeGuard } from './authz/authorize.guard';
import { PolicyStoreHost } from './authz/policy-store.host';
import { POLICY_STORE } from './authz/policy-store.provider';
import { resolveCoreSdkConfig } from './config';
import type { CoreSdkConfig } from './config/core-sdk-config.interface';
import type { CoreSdkModuleOptions } from './config/core-sdk-options.interface';
import { CORE_SDK_CONFIG } from './core-sdk.constants';
import { CORE_SDK_MODULE_OPTIONS, CoreSdkConfigurableModule } from './core-sdk.module-definition';
import { CoreSdkRequestHooks } from './core-sdk.request-hooks';
import { CoreSdkExceptionFilter } from './errors/core-sdk-exception.filter';
import { TokenVerifier } from './tenant/jwt/token-verifier.service';
import { JwtKeyResolver } from './tenant/keys/jwt-key-resolver';
import { TenantContext } from './tenant/tenant-context.service';
import { TenantGuard } from './tenant/tenant.guard';
import { TENANT_ADMISSION } from './tenant/tenant-admission.interface';
import { CROSS_TENANT_AUDIT_SINKS, CrossTenantAuditSink } from './tenancy/cross-tenant-audit.sink';
import { TenantAdminController } from './tenancy/tenant-admin.controller';
import { TenantRegistry } from './tenancy/tenant-registry.service';
import { CoreSdkThrottlerGuard } from './throttle/core-sdk-throttler.guard';
import { createRateLimitStorage } from './throttle/create-rate-limit-storage';
import type { RateLimitStorage } from './throttle/rate-limit-storage.interface';
import { RedisThrottlerStorage } from './throttle/redis-throttler.storage';

/**
 * CoreSDK for a Nest application: import once at the root with `CoreSdkModule.forRoot()`
 * or `forRootAsync()`. Every request is audited; every route requires a bearer token whose
 * verified claim names the tenant (`@Public()` opts out); the service-wide rate limit
 * applies; `@Authorize` routes are decided by the tenant's policy; unexpected errors reach
 * clients only as a generic JSON 500.
 *
 * Global guards run in the order they are listed: authentication, then the rate limit,
 * then the policy. A bad token is a 401 before anything else is spent on it.
 */
@Module({
  imports: [DiscoveryModule],
  // Answers 404 unless [tenancy].admin_api is on (see TenantAdminGuard).
  controllers: [TenantAdminController],
  providers: [
    {
      provide: CORE_SDK_CONFIG,
      inject: [CORE_SDK_MODULE_OPTIONS],
      useFactory: (options: CoreSdkModuleOptions): CoreSdkConfig => resolveCoreSdkConfig(options),
    },
    {
      provide: JwtKeyResolver,
      inject: [CORE_SDK_CONFIG],
      useFactory: (config: CoreSdkConfig): JwtKeyResolver => JwtKeyResolver.fromConfig(config.auth),
    },
    AuditStats,
    AuditSinkHost,
    {
      provide: CrossTenantAuditSink,
      inject: [{ token: CROSS_TENANT_AUDIT_SINKS, optional: true }],
      useFactory: (sinks?: AuditSink[]) => new CrossTenantAuditSink(sinks ?? []),
    },
    {
      provide: AUDIT_RECORDER,
      inject: [CORE_SDK_CONFIG, AuditSinkHost, CrossTenantAuditSink],
      useFactory: (
        config: CoreSdkConfig,
        host: AuditSinkHost,
        crossTenant: CrossTenantAuditSink,
      ): AuditRecorder =>
        new AuditRecorder(config.sdk.serviceName, [...host.sinks, crossTenant], host.otelEnabled),
    },
    {
      provide: getStorageToken(),
      inject: [CORE_SDK_CONFIG],
      useFactory: async (config: CoreSdkConfig): Promise<RateLimitStorage> => {
        const storage = createRateLimitStorage(
          config.rateLimit.storage,
          config.sdk.serviceName,
          config.rateLimit.algorithm,
        );
        // Start without waiting long for Redis: while it is unreachable fail_mode decides.
        if (storage instanceof RedisThrottlerStorage) await storage.waitUntilReady(2_000);
        return storage;
      },
    },
    {
      provide: getOptionsToken(),
      inject: [CORE_SDK_CONFIG],
      useFactory: (config: CoreSdkConfig): ThrottlerModuleOptions => ({
        throttlers: [
          {
            name: 'default',
            limit: config.rateLimit.limit,
            ttl: config.rateLimit.ttlMs,
            // Retry-After is set by CoreSdkThrottlerGuard on every 429 regardless.
            setHeaders: config.rateLimit.serviceHeaders ?? false,
          },
        ],
      }),
    },
    {
      // Audit and TenantContext hook into the HTTP server itself (see CoreSdkRequestHooks).
      provide: CoreSdkRequestHooks,
      inject: [AUDIT_RECORDER, HttpAdapterHost],
      useFactory: (recorder: AuditRecorder, adapterHost: HttpAdapterHost): CoreSdkRequestHooks => {
        const hooks = new CoreSdkRequestHooks(recorder);
        hooks.beforeInit(adapterHost.httpAdapter);
        return hooks;
      },
    },
    PolicyStoreHost,
    { provide: POLICY_STORE, useExisting: PolicyStoreHost },
    TenantRegistry,
    { provide: TENANT_ADMISSION, useExisting: TenantRegistry },
    TokenVerifier,
    TenantContext,
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_GUARD, useClass: CoreSdkThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthorizeGuard },
    { provide: APP_FILTER, useClass: CoreSdkExceptionFilter },
  ],
  exports: [
    CORE_SDK_CONFIG,
    TenantContext,
    TokenVerifier,
    POLICY_STORE,
    AuditStats,
    TenantRegistry,
  ],
})
export class CoreSdkModule
  extends CoreSdkConfigurableModule
  implements NestModule, OnApplicationShutdown
{
  constructor(
    private readonly requestHooks: CoreSdkRequestHooks,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(getStorageToken()) private readonly rateLimitStorage?: RateLimitStorage,
  ) {
    super();
  }

  configure(_consumer: MiddlewareConsumer): void {
    this.requestHooks.atInit(this.adapterHost.httpAdapter);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rateLimitStorage?.close();
  }
}
