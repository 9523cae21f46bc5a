import { AsyncLocalStorage } from 'node:async_hooks';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * One request's tenant scope. The scope is entered before the guards run (from a native
 * hook of the HTTP adapter, see `tenant-context.hooks.ts`) and TenantGuard fills in the
 * tenant once the token is verified; `tenant` stays undefined on `@Public()` routes and on
 * rejected requests.
 */
export interface TenantScope {
  readonly tenant: VerifiedTenant | undefined;
}

/**
 * The one store behind `TenantContext`. Module-level so that every Nest application in
 * the process shares it; each request runs in its own `run()` scope, so they never mix.
 */
export const tenantContextStorage = new AsyncLocalStorage<TenantScope>();
