import {
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationShutdown,
  Optional,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerModuleOptions } from '@nestjs/throttler';
import { AUDIT_RECORDER } from './audit/audit.constants';
import { AuditMiddleware } from './audit/audit.middleware';
import { AuditRecorder } from './audit/audit-recorder';
import { AUDIT_SINKS, AuditSink } from './audit/audit-sink.interface';
import { AuthorizeGuard } from './authz/authorize.guard';
import { PolicyStoreHost } from './authz/policy-store.host';
import { POLICY_STORE } from './authz/policy-store.provider';
import { resolveCoreSdkConfig } from './config';
import type { CoreSdkConfig } from './config/core-sdk-config.interface';
import type { CoreSdkModuleOptions } from './config/core-sdk-options.interface';
import { CORE_SDK_CONFIG } from './core-sdk.constants';
import { CORE_SDK_MODULE_OPTIONS, CoreSdkConfigurableModule } from './core-sdk.module-definition';
import { CoreSdkExceptionFilter } from './errors/core-sdk-exception.filter';
import { TokenVerifier } from './tenant/jwt/token-verifier.service';
import { JwtKeyResolver } from './tenant/keys/jwt-key-resolver';
import { TenantContext } from './tenant/tenant-context.service';
import { TenantContextInterceptor } from './tenant/tenant-context.interceptor';
import { TenantGuard } from './tenant/tenant.guard';
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
    {
      provide: AUDIT_RECORDER,
      inject: [CORE_SDK_CONFIG, { token: AUDIT_SINKS, optional: true }],
      useFactory: (config: CoreSdkConfig, sinks?: AuditSink[]): AuditRecorder =>
        new AuditRecorder(config.sdk.serviceName, sinks ?? []),
    },
    {
      provide: getStorageToken(),
      inject: [CORE_SDK_CONFIG],
      useFactory: async (config: CoreSdkConfig): Promise<RateLimitStorage> => {
        const storage = createRateLimitStorage(config.rateLimit.storage, config.sdk.serviceName);
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
          { name: 'default', limit: config.rateLimit.limit, ttl: config.rateLimit.ttlMs },
        ],
      }),
    },
    PolicyStoreHost,
    { provide: POLICY_STORE, useExisting: PolicyStoreHost },
    TokenVerifier,
    TenantContext,
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_GUARD, useClass: CoreSdkThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthorizeGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
    { provide: APP_FILTER, useClass: CoreSdkExceptionFilter },
  ],
  exports: [CORE_SDK_CONFIG, TenantContext, TokenVerifier, POLICY_STORE],
})
export class CoreSdkModule
  extends CoreSdkConfigurableModule
  implements NestModule, OnApplicationShutdown
{
  constructor(
    @Optional() @Inject(getStorageToken()) private readonly rateLimitStorage?: RateLimitStorage,
  ) {
    super();
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rateLimitStorage?.close();
  }
}
