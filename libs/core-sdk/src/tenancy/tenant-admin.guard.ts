import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { CORE_SDK_CONFIG } from '../core-sdk.constants';
import { readVerifiedTenant } from '../tenant/request-tenant';
import type { TokenClaims } from '../tenant/verified-tenant.interface';

/**
 * Protects the provisioning API. With `[tenancy].admin_api = false` the routes answer 404
 * as if they did not exist. Otherwise the verified token (TenantGuard ran first) must carry
 * the admin claim set to exactly `true`, or the admin scope in `scope`/`scp`. A
 * cross-tenant request is never an admin request.
 */
@Injectable()
export class TenantAdminGuard implements CanActivate {
  constructor(@Inject(CORE_SDK_CONFIG) private readonly config: CoreSdkConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.tenancy.adminApi) throw new NotFoundException();
    const verified = readVerifiedTenant(context.switchToHttp().getRequest<object>());
    if (!verified || verified.homeTenantId !== undefined || !this.isAdmin(verified.claims)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: 'tenant administration requires the admin claim or scope',
      });
    }
    return true;
  }

  private isAdmin(claims: TokenClaims): boolean {
    const { adminClaim, adminScope } = this.config.tenancy;
    if (claims[adminClaim] === true) return true;
    const scope = claims.scope;
    if (typeof scope === 'string' && scope.split(' ').includes(adminScope)) return true;
    const scp = claims.scp;
    return Array.isArray(scp) && scp.includes(adminScope);
  }
}
