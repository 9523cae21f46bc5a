import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE_METADATA } from '../core-sdk.constants';
import { recordDecision } from '../audit/audit-draft';
import { routeTemplate } from '../audit/route-template';
import { AuthenticationFailedException } from '../errors/authentication-failed.exception';
import { TenantForbiddenException } from '../errors/tenant-forbidden.exception';
import { extractBearerToken } from './bearer-token';
import { TokenVerifier } from './jwt/token-verifier.service';
import { attachVerifiedTenant } from './request-tenant';

/**
 * Global guard (registered by CoreSdkModule): every route requires a valid bearer token
 * unless marked `@Public()`. The tenant comes only from the verified token; tenant hints
 * in the query string, headers or body are never read. Guards that run after it find the
 * caller with `readVerifiedTenant(request)`.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    recordDecision(request, {
      route: routeTemplate(request as Parameters<typeof routeTemplate>[0]),
    });
    if (isPublic === true) {
      recordDecision(request, { reason: 'public' });
      return true;
    }
    if (context.getType() !== 'http') {
      // Fail closed: this guard only knows how to authenticate HTTP requests.
      throw AuthenticationFailedException.missingToken();
    }
    try {
      const token = extractBearerToken(
        request.headers.authorization as string | string[] | undefined,
      );
      const verified = await this.verifier.verify(token);
      attachVerifiedTenant(request, verified);
      recordDecision(request, {
        tenantId: verified.tenantId,
        subject: verified.subject,
        reason: 'authenticated',
      });
      return true;
    } catch (error) {
      recordDecision(request, { decision: 'deny', reason: authenticationFailureReason(error) });
      throw error;
    }
  }
}

/** Audit reason codes for authentication failures (never the token or the library's text). */
function authenticationFailureReason(error: unknown): string {
  if (error instanceof TenantForbiddenException) return 'tenant_not_allowed';
  if (error instanceof AuthenticationFailedException) {
    return error.challenge === 'Bearer' ? 'missing_token' : 'invalid_token';
  }
  return 'authentication_error';
}
