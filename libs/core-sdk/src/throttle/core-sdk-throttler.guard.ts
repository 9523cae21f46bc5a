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
import { RateLimitExceededException, RateLimitUnavailableException } from './rate-limit.exceptions';
import { TENANT_THROTTLER_NAME, tenantBudget, tenantKey } from './tenant-rate-limit';
import { readVerifiedTenant } from '../tenant/request-tenant';
import { TenantRegistry } from '../tenancy/tenant-registry.service';

/** Phase 1 limits the service as a whole: every request counts against one counter. */
export const SERVICE_WIDE_TRACKER = 'service';

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
      if (!(error instanceof RateLimitStorageUnavailableError)) throw error;
      const http = request.context.switchToHttp().getRequest();
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
  }

  private async checkTenantLimit(context: ExecutionContext): Promise<void> {
    const { req, res } = this.getRequestResponse(context);
    const tenant = readVerifiedTenant(req);
    if (!tenant) return; // @Public() routes: only the service-wide limit applies.
    const budget = tenantBudget(
      this.config.rateLimit,
      tenant.tenantId,
      this.tenants?.limitsFor(tenant.tenantId) ?? null,
    );
    if (!budget) return;
    const record = await this.storageService.increment(
      tenantKey(tenant.tenantId),
      budget.ttlMs,
      budget.limit,
      budget.ttlMs,
      TENANT_THROTTLER_NAME,
    );
    const suffix = `-${TENANT_THROTTLER_NAME}`;
    if (record.isBlocked) {
      this.setResponseHeader(res, 'Retry-After', record.timeToBlockExpire);
      recordDecision(req, { decision: 'deny', reason: 'tenant_rate_limited' });
      throw new RateLimitExceededException();
    }
    this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, budget.limit);
    this.setResponseHeader(
      res,
      `${this.headerPrefix}-Remaining${suffix}`,
      Math.max(0, budget.limit - record.totalHits),
    );
    this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    _detail: ThrottlerLimitDetail,
  ): Promise<void> {
    recordDecision(context.switchToHttp().getRequest(), {
      decision: 'deny',
      reason: 'rate_limited',
    });
    throw new RateLimitExceededException();
  }
}
