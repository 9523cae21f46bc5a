import { Controller, Get } from '@nestjs/common';
import { Claims, Tenant } from '@coresdk/core-sdk';

/** Echoes what CoreSDK verified: the tenant from the token's claim and the subject. */
@Controller('whoami')
export class WhoamiController {
  @Get()
  whoami(
    @Tenant() tenantId: string,
    @Claims() claims: Readonly<Record<string, unknown>>,
  ): { tenant_id: string; sub: string | null } {
    return { tenant_id: tenantId, sub: typeof claims.sub === 'string' ? claims.sub : null };
  }
}
