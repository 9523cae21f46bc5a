import { AsyncLocalStorage } from 'node:async_hooks';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * The one store behind `TenantContext`. Module-level so that every Nest application in
 * the process shares it; each request runs in its own `run()` scope, so they never mix.
 */
export const tenantContextStorage = new AsyncLocalStorage<VerifiedTenant>();
