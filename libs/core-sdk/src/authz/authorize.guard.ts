import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getAuditDraft, recordDecision } from '../audit/audit-draft';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { PolicyDeniedException } from '../errors/policy-denied.exception';
import { httpRequestOf } from '../http-context';
import { RouteMetadataCache } from '../route-metadata.cache';
import { readVerifiedTenant } from '../tenant/request-tenant';
import { AUTHORIZE_METADATA, AuthorizeOptions } from './authorize.decorator';
import type { PolicyDecision, PolicyInput } from './policy-decision.interface';
import { POLICY_STORE, PolicyStoreHandle } from './policy-store.provider';

/**
 * Decides `@Authorize` routes with the verified tenant's own policy module. Runs after
 * TenantGuard and the rate limit. Allowed only when the entrypoint is exactly `true`;
 * fail_mode decides only when the engine could not decide, and never bypasses
 * authentication (a route without a verified tenant is denied before any policy runs).
 */
@Injectable()
export class AuthorizeGuard implements CanActivate {
  private readonly logger = new Logger('CoreSdkAuthorize');
  /** Each route's @Authorize options (handler wins over class), looked up once. */
  private readonly optionsByRoute = new RouteMetadataCache<AuthorizeOptions | null>(
    (context) =>
      this.reflector.getAllAndOverride<AuthorizeOptions | undefined>(AUTHORIZE_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? null,
  );

  constructor(
    private readonly reflector: Reflector,
    @Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig,
    @Inject(POLICY_STORE) private readonly store: PolicyStoreHandle,
  ) {}

  /**
   * Synchronous when the tenant's instance is loaded (every request but its first): Nest
   * awaits whatever a guard returns, and each promise avoided is one less tick and one less
   * async-context propagation per request.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const options = this.optionsByRoute.get(context);
    if (!options) return true;
    const request = httpRequestOf<Parameters<typeof requestPath>[0] & { method?: string }>(context);
    const draft = getAuditDraft(request);
    if (draft) draft.action = options.action;

    const verified = readVerifiedTenant(request);
    if (!verified) {
      // @Authorize on a @Public() route: there is no tenant whose policy could allow it.
      recordDecision(request, { decision: 'deny', reason: 'no_verified_tenant' });
      throw new PolicyDeniedException();
    }
    // A cross-tenant request is decided by the target's policy and tells it who acts.
    const input: PolicyInput & { home_tenant_id?: string; cross_tenant?: true } = {
      action: options.action,
      tenant_id: verified.tenantId,
      ...(verified.homeTenantId !== undefined && {
        home_tenant_id: verified.homeTenantId,
        cross_tenant: true as const,
      }),
      user: verified.claims as Record<string, unknown>,
      resource: this.resourceOf(options, request),
      request: { method: String(request.method ?? ''), path: requestPath(request) },
    };
    const store = this.store.current;
    if (!store) {
      return this.enforce(request, { outcome: 'error', policy: null, reason: 'no_policy_store' });
    }
    const decided = store.decideNow(verified.tenantId, input);
    if (decided !== undefined) return this.enforce(request, decided);
    return store
      .decide(verified.tenantId, input)
      .then((decision) => this.enforce(request, decision));
  }

  private enforce(request: unknown, decision: PolicyDecision): boolean {
    if (decision.outcome !== 'error') {
      const allowed = decision.outcome === 'allow';
      const draft = getAuditDraft(request);
      if (draft) {
        const reason = allowed ? 'policy_allow' : 'policy_deny';
        draft.decision = decision.outcome;
        // A fail mode applied earlier in the request (the rate limit's store was down)
        // stays readable next to the policy's verdict: `rate_limit_unavailable+policy_allow`.
        draft.reason = draft.failModeApplied && draft.reason ? `${draft.reason}+${reason}` : reason;
        draft.policy = decision.policy;
      }
      if (allowed) return true;
      throw new PolicyDeniedException();
    }
    this.logger.warn(
      `policy engine could not decide (${decision.reason}); fail_mode=${this.config.sdk.failMode}`,
    );
    const open = this.config.sdk.failMode === 'open';
    recordDecision(request, {
      decision: open ? 'allow' : 'deny',
      reason: `fail_mode_applied:${decision.reason}`,
      policy: decision.policy,
      failModeApplied: true,
    });
    if (open) return true;
    throw new PolicyDeniedException();
  }

  private resourceOf(options: AuthorizeOptions, request: unknown): unknown {
    if (!options.resource) return null;
    try {
      return options.resource(request) ?? null;
    } catch (error) {
      // A resource function that throws is the application's bug: surface it as a 500.
      this.logger.error(`@Authorize(${options.action}) resource function threw`, error as Error);
      throw error;
    }
  }
}

function requestPath(request: {
  url?: string;
  originalUrl?: string;
  raw?: { url?: string };
}): string {
  const url = request.originalUrl ?? request.raw?.url ?? request.url ?? '/';
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}
