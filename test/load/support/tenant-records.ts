import { Controller, Get, Injectable } from '@nestjs/common';
import { Authorize, Public, TenantContext, Tenant } from '@coresdk/core-sdk';

/** One tenant's rows: each carries its owner, so a leak shows up in the response body. */
export interface TenantRecord {
  tenant: string;
  id: string;
}

/**
 * A store holding every tenant's rows side by side, as a shared database table does; the
 * service reads the current tenant only from TenantContext (never from the request).
 */
@Injectable()
export class TenantRecordsService {
  private readonly rows: TenantRecord[] = ['acme', 'globex'].flatMap((tenant) =>
    [1, 2, 3].map((n) => ({ tenant, id: `${tenant}-${n}` })),
  );

  constructor(private readonly context: TenantContext) {}

  async listForCurrentTenant(): Promise<TenantRecord[]> {
    // Yield first so that concurrent requests interleave inside the tenant context.
    await new Promise((resolve) => setImmediate(resolve));
    const tenant = this.context.tenantId;
    return this.rows.filter((row) => row.tenant === tenant);
  }
}

@Controller()
export class TenantRecordsController {
  constructor(private readonly records: TenantRecordsService) {}

  @Authorize('records:read')
  @Get('records')
  async list(@Tenant() tenant: string) {
    return { tenant, records: await this.records.listForCurrentTenant() };
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

/** Global policy plus a per-tenant override, so both kinds of module decide under load. */
export const RELIABILITY_POLICIES: Record<string, string> = {
  'global.rego': `package coresdk.authz

default allow := false

allow if {
	input.action == "records:read"
	input.tenant_id == input.user.tenant_id
}
`,
  'tenants/acme.rego': `package coresdk.authz

allow if {
	input.action == "records:read"
	data.tenants[input.tenant_id].plan == "pro"
}
`,
};

export const RELIABILITY_TENANTS = [
  { id: 'acme', displayName: 'Acme', plan: 'pro' },
  { id: 'globex', displayName: 'Globex', plan: 'free' },
];
