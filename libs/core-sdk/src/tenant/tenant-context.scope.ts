import { tenantContextStorage, type TenantScope } from './tenant-context.storage';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * The scope is also kept on the Node request, so TenantGuard fills in the scope of its own
 * request rather than whatever scope happens to be active.
 */
const TENANT_SCOPE = Symbol('CoreSdk.TenantScope');

type ScopeCarrier = { [TENANT_SCOPE]?: TenantScope };

/**
 * Runs `next` (the rest of the request pipeline: guards, pipes, handler) inside a fresh
 * tenant scope of `nodeRequest`. Everything `next` starts synchronously, and every promise
 * or timer created from there, sees the scope; `TenantContext` reads it.
 */
export function runInTenantScope<T>(nodeRequest: object, next: () => T): T {
  const scope: TenantScope = { tenant: undefined };
  (nodeRequest as ScopeCarrier)[TENANT_SCOPE] = scope;
  return tenantContextStorage.run(scope, next);
}

/** Makes `tenant` the tenant of the scope `runInTenantScope` opened for `nodeRequest`. */
export function fillTenantScope(nodeRequest: object, tenant: VerifiedTenant): void {
  const scope = (nodeRequest as ScopeCarrier)[TENANT_SCOPE];
  if (scope !== undefined && scope.tenant === undefined) scope.tenant = tenant;
}
