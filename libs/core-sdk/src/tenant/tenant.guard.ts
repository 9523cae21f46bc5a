import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { httpRequestOf } from '../http-context';
import { RouteMetadataCache } from '../route-metadata.cache';
import { CORE_SDK_CONFIG, PUBLIC_ROUTE_METADATA } from '../core-sdk.constants';
import { getAuditDraft, recordDecision } from '../audit/audit-draft';
import { routeTemplate } from '../audit/route-template';
import { AuthenticationFailedException } from '../errors/authentication-failed.exception';
import { TenantForbiddenException } from '../errors/tenant-forbidden.exception';
import { assertWellFormedBearerToken, bearerCredentials } from './bearer-token';
import {
  CrossTenantRefusedException,
  type CrossTenantRules,
  resolveTargetTenant,
  TARGET_TENANT_HEADER,
} from './cross-tenant';
import { TENANT_ADMISSION, type TenantAdmission } from './tenant-admission.interface';
import { createTenantIdParser } from './tenant-claim';
import { TokenVerifier } from './jwt/token-verifier.service';
import { attachVerifiedTenant } from './request-tenant';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * Global guard (registered by CoreSdkModule): every route requires a valid bearer token
 * unless marked `@Public()`. The tenant comes only from the verified token; tenant hints
 * in the query string, headers or body are never read. Guards that run after it find the
 * caller with `readVerifiedTenant(request)`.
 *
 * The one exception is explicit and signed: a service token may name a target tenant in
 * the `X-CoreSDK-Target-Tenant` header (see `resolveTargetTenant`); the request then acts
 * on the target and keeps the token's own tenant as `homeTenantId`.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  private readonly crossTenant: CrossTenantRules;
  /** Whether each route is `@Public()` (handler over class), looked up once per route. */
  private readonly publicRoutes = new RouteMetadataCache(
    (context) =>
      this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) === true,
  );

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(CORE_SDK_CONFIG) config: CoreSdkConfig,
    @Optional() @Inject(TENANT_ADMISSION) admission?: TenantAdmission,
  ) {
    this.crossTenant = {
      claim: config.tenancy.crossTenantClaim,
      parseTenantId: createTenantIdParser(config.auth.tenantIdPattern),
      admission,
    };
  }

  /** Synchronous when the token was verified before (the common case): no promise hops. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const isPublic = this.publicRoutes.get(context);
    const request = httpRequestOf<{ headers: Record<string, unknown> }>(context);
    // Field writes on the draft rather than recordDecision's merge: this runs per request.
    const draft = getAuditDraft(request);
    if (draft) draft.route = routeTemplate(request as Parameters<typeof routeTemplate>[0]);
    if (isPublic) {
      recordDecision(request, { reason: 'public' });
      return true;
    }
    if (context.getType() !== 'http') {
      // Fail closed: this guard only knows how to authenticate HTTP requests.
      throw AuthenticationFailedException.missingToken();
    }
    try {
      const token = bearerCredentials(
        request.headers.authorization as string | string[] | undefined,
      );
      // The cache holds only tokens that passed the syntax check, so a hit needs no second
      // pass of the regex over the whole token; a miss gets the full check first.
      const cached = this.verifier.verifyCached(token);
      if (cached === undefined) {
        return this.verifyThenAdmit(request, assertWellFormedBearerToken(token));
      }
      return this.admit(request, cached);
    } catch (error) {
      throw this.refusal(request, error);
    }
  }

  private async verifyThenAdmit(
    request: { headers: Record<string, unknown> },
    token: string,
  ): Promise<boolean> {
    try {
      return this.admit(request, await this.verifier.verify(token));
    } catch (error) {
      throw this.refusal(request, error);
    }
  }

  private admit(request: { headers: Record<string, unknown> }, caller: VerifiedTenant): true {
    const draft = getAuditDraft(request);
    // The caller first: a refused cross-tenant target is audited under the token's tenant.
    if (draft) {
      draft.tenantId = caller.tenantId;
      draft.subject = caller.subject;
    }
    const verified = resolveTargetTenant(
      request.headers[TARGET_TENANT_HEADER],
      caller,
      this.crossTenant,
    );
    attachVerifiedTenant(request, verified);
    if (draft) {
      draft.tenantId = verified.tenantId;
      draft.subject = verified.subject;
      if (verified.homeTenantId === undefined) {
        draft.reason = 'authenticated';
      } else {
        draft.reason = 'cross_tenant';
        draft.homeTenantId = verified.homeTenantId;
      }
    }
    return true;
  }

  /** Records why authentication failed and hands the error back to be thrown. */
  private refusal(request: unknown, error: unknown): unknown {
    recordDecision(request, { decision: 'deny', reason: authenticationFailureReason(error) });
    return error;
  }
}

/** Audit reason codes for authentication failures (never the token or the library's text). */
function authenticationFailureReason(error: unknown): string {
  if (error instanceof CrossTenantRefusedException) return 'cross_tenant_refused';
  if (error instanceof TenantForbiddenException) return 'tenant_not_allowed';
  if (error instanceof AuthenticationFailedException) {
    return error.challenge === 'Bearer' ? 'missing_token' : 'invalid_token';
  }
  return 'authentication_error';
}
