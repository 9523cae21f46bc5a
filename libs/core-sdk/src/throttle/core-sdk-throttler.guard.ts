import { ExecutionContext, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
} from '@nestjs/throttler';
import { recordDecision } from '../audit/audit-draft';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { RateLimitStorage, RateLimitStorageUnavailableError } from './rate-limit-storage.interface';
import { planRoute, type PlannedThrottler } from './throttler-route-plan';
import { RateLimitExceededException, RateLimitUnavailableException } from './rate-limit.exceptions';
import { TENANT_THROTTLER_NAME, tenantBudget, tenantKey } from './tenant-rate-limit';
import { readVerifiedTenant } from '../tenant/request-tenant';
import type { VerifiedTenant } from '../tenant/verified-tenant.interface';
import { RouteMetadataCache } from '../route-metadata.cache';
import { httpRequestOf, httpResponseOf } from '../http-context';
import { TenantRegistry } from '../tenancy/tenant-registry.service';

/** Phase 1 limits the service as a whole: every request counts against one counter. */
export const SERVICE_WIDE_TRACKER = 'service';

type HttpRequest = Record<string, unknown>;
type HttpResponse = Record<string, unknown>;
type SyncIncrement = NonNullable<RateLimitStorage['incrementSync']>;

/** A planned throttler with the storage key of its service-wide counter. */
interface ServiceThrottler extends PlannedThrottler {
  readonly key: string;
}

/**
 * @nestjs/throttler's guard, keyed service-wide instead of per client IP and route, with
 * CoreSDK's JSON errors and fail_mode applied when the storage cannot answer.
 */
@Injectable()
export class CoreSdkThrottlerGuard extends ThrottlerGuard {
  private readonly failLogger = new Logger('CoreSdkRateLimit');

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: RateLimitStorage,
    reflector: Reflector,
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    @Optional() private readonly tenants?: TenantRegistry,
  ) {
    super(options, storage, reflector);
    this.incrementSync = storage.incrementSync?.bind(storage) ?? null;
  }

  /** The storage's synchronous increment (memory storages); null for Redis. */
  private readonly incrementSync: SyncIncrement | null;
  /** Each route's static limits and skip flags (null: the route needs the base guard's path). */
  private readonly plans = new RouteMetadataCache((context) => this.buildPlan(context));
  /** The tenant limit's header names, built once rather than per request. */
  private readonly tenantHeaders = {
    limit: `${this.headerPrefix}-Limit-${TENANT_THROTTLER_NAME}`,
    remaining: `${this.headerPrefix}-Remaining-${TENANT_THROTTLER_NAME}`,
    reset: `${this.headerPrefix}-Reset-${TENANT_THROTTLER_NAME}`,
  };

  /**
   * With a storage that answers synchronously and a route whose limits are all static,
   * decides without a promise: Nest takes the boolean as is, sparing the awaits of the
   * base guard. Anything else goes through @nestjs/throttler's own path; both apply the
   * same limits, in the same order, with the same headers, errors and audit reasons.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    // @nestjs/throttler declares a promise, but Nest's CanActivate contract (and its guard
    // pipeline) takes a plain boolean too; only the declaration is narrower.
    return this.decide(context) as Promise<boolean>;
  }

  private decide(context: ExecutionContext): boolean | Promise<boolean> {
    const incrementSync = this.incrementSync;
    const plan = incrementSync === null ? null : this.planFor(context);
    if (incrementSync === null || plan === null) return super.canActivate(context);
    const req = httpRequestOf<HttpRequest>(context);
    const res = httpResponseOf<HttpResponse>(context);
    try {
      for (const throttler of plan) {
        if (throttler.skip) continue;
        this.checkTenantLimitSync(incrementSync, req, res);
        this.checkServiceLimitSync(incrementSync, req, res, throttler);
      }
    } catch (error) {
      return this.afterStorageFailure(error, req);
    }
    return true;
  }

  protected override async getTracker(): Promise<string> {
    return SERVICE_WIDE_TRACKER;
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `${throttlerName}:${tracker}`;
  }

  /**
   * The tenant's own limit is checked first and the service-wide one only for requests it
   * admits: a tenant flooding past its own budget is turned away before it touches the
   * shared counter, so it cannot spend the budget of the others.
   */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      await this.checkTenantLimit(request.context);
      return await super.handleRequest(request);
    } catch (error) {
      return this.afterStorageFailure(error, request.context.switchToHttp().getRequest());
    }
  }

  /** fail_mode applied to a storage that cannot answer; any other error is rethrown. */
  private afterStorageFailure(error: unknown, http: unknown): true {
    if (!(error instanceof RateLimitStorageUnavailableError)) throw error;
    this.failLogger.warn(`${error.message}; fail_mode=${this.config.sdk.failMode}`);
    if (this.config.sdk.failMode === 'open') {
      recordDecision(http, { failModeApplied: true, reason: 'rate_limit_unavailable' });
      return true;
    }
    recordDecision(http, {
      decision: 'error',
      failModeApplied: true,
      reason: 'rate_limit_unavailable',
    });
    throw new RateLimitUnavailableException();
  }

  private planFor(context: ExecutionContext): ServiceThrottler[] | null {
    // `throttlers` is set in onModuleInit; before that only the base guard knows what to do.
    if (this.throttlers === undefined) return null;
    return this.plans.get(context);
  }

  private buildPlan(context: ExecutionContext): ServiceThrottler[] | null {
    const handler = context.getHandler();
    const classRef = context.getClass();
    const common = this.commonOptions;
    const options: { getTracker?: unknown; generateKey?: unknown } = Array.isArray(this.options)
      ? {}
      : this.options;
    const planned = planRoute(this.reflector, this.throttlers, handler, classRef, {
      headerPrefix: this.headerPrefix,
      setHeaders: common.setHeaders,
      hasDynamicCommonOptions:
        common.skipIf !== undefined ||
        Array.isArray(common.ignoreUserAgents) ||
        options.getTracker !== undefined ||
        options.generateKey !== undefined,
    });
    return (
      planned?.map((throttler) => ({
        ...throttler,
        key: this.generateKey(context, SERVICE_WIDE_TRACKER, throttler.name),
      })) ?? null
    );
  }

  private checkServiceLimitSync(
    incrementSync: SyncIncrement,
    req: HttpRequest,
    res: HttpResponse,
    throttler: ServiceThrottler,
  ): void {
    const { limit, ttl } = throttler;
    const record = incrementSync(
      throttler.key,
      ttl,
      limit,
      throttler.blockDuration,
      throttler.name,
    );
    if (record.isBlocked) {
      // Always: a 429 without Retry-After leaves the client guessing.
      this.setResponseHeader(res, throttler.retryAfterHeader, record.timeToBlockExpire);
      this.refuseRateLimited(req);
    }
    if (throttler.setHeaders) {
      this.setResponseHeader(res, throttler.limitHeader, limit);
      this.setResponseHeader(res, throttler.remainingHeader, Math.max(0, limit - record.totalHits));
      this.setResponseHeader(res, throttler.resetHeader, record.timeToExpire);
    }
  }

  private checkTenantLimitSync(
    incrementSync: SyncIncrement,
    req: HttpRequest,
    res: HttpResponse,
  ): void {
    const tenant = readVerifiedTenant(req);
    if (!tenant) return; // @Public() routes: only the service-wide limit applies.
    const budget = this.budgetOf(tenant);
    if (!budget) return;
    const record = incrementSync(
      tenantKey(tenant.tenantId),
      budget.ttlMs,
      budget.limit,
      budget.ttlMs,
      TENANT_THROTTLER_NAME,
    );
    this.applyTenantRecord(req, res, budget.limit, record);
  }

  private budgetOf(tenant: VerifiedTenant): ReturnType<typeof tenantBudget> {
    return tenantBudget(
      this.config.rateLimit,
      tenant.tenantId,
      this.tenants?.limitsFor(tenant.tenantId) ?? null,
    );
  }

  private applyTenantRecord(
    req: unknown,
    res: HttpResponse,
    limit: number,
    record: {
      isBlocked: boolean;
      timeToBlockExpire: number;
      totalHits: number;
      timeToExpire: number;
    },
  ): void {
    if (record.isBlocked) {
      this.setResponseHeader(res, 'Retry-After', record.timeToBlockExpire);
      recordDecision(req, { decision: 'deny', reason: 'tenant_rate_limited' });
      throw new RateLimitExceededException();
    }
    this.setResponseHeader(res, this.tenantHeaders.limit, limit);
    this.setResponseHeader(
      res,
      this.tenantHeaders.remaining,
      Math.max(0, limit - record.totalHits),
    );
    this.setResponseHeader(res, this.tenantHeaders.reset, record.timeToExpire);
  }

  private async checkTenantLimit(context: ExecutionContext): Promise<void> {
    const { req, res } = this.getRequestResponse(context);
    const tenant = readVerifiedTenant(req);
    if (!tenant) return; // @Public() routes: only the service-wide limit applies.
    const budget = this.budgetOf(tenant);
    if (!budget) return;
    const record = await this.storageService.increment(
      tenantKey(tenant.tenantId),
      budget.ttlMs,
      budget.limit,
      budget.ttlMs,
      TENANT_THROTTLER_NAME,
    );
    this.applyTenantRecord(req, res, budget.limit, record);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    // The base guard sets Retry-After only with setHeaders; a 429 always carries it.
    this.setResponseHeader(httpResponseOf(context), 'Retry-After', detail.timeToBlockExpire);
    this.refuseRateLimited(httpRequestOf(context));
  }

  private refuseRateLimited(req: unknown): never {
    recordDecision(req, { decision: 'deny', reason: 'rate_limited' });
    throw new RateLimitExceededException();
  }
}
