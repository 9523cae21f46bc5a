import { tenantContextStorage, type TenantScope } from './tenant-context.storage';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * A request's scope, and the one place its verified tenant is kept: TenantContext reads it
 * through AsyncLocalStorage, the guards and parameter decorators through the request. The
 * tenant is set once (the first verdict wins) and cannot be replaced from outside.
 */
export class RequestTenantScope implements TenantScope {
  #tenant: VerifiedTenant | undefined;

  get tenant(): VerifiedTenant | undefined {
    return this.#tenant;
  }

  fill(tenant: VerifiedTenant): void {
    if (this.#tenant === undefined) this.#tenant = tenant;
  }
}

/**
 * One symbol property on the Node request, set when the scope opens: plain assignment, so
 * every request gets the same object shape (a non-writable property, or a WeakMap entry,
 * cost ~1 µs per request).
 */
const TENANT_SCOPE = Symbol('CoreSdk.TenantScope');

type ScopeCarrier = { [TENANT_SCOPE]?: RequestTenantScope };

/** The request's scope; created on first use (guards can run without the request hook). */
export function requestTenantScope(nodeRequest: object): RequestTenantScope {
  const carrier = nodeRequest as ScopeCarrier;
  let scope = carrier[TENANT_SCOPE];
  if (scope === undefined) {
    scope = new RequestTenantScope();
    carrier[TENANT_SCOPE] = scope;
  }
  return scope;
}

/** The request's scope if one was opened or filled, without creating one. */
export function existingTenantScope(nodeRequest: object): RequestTenantScope | undefined {
  return (nodeRequest as ScopeCarrier)[TENANT_SCOPE];
}

/**
 * Runs `next` (the rest of the request pipeline: guards, pipes, handler) inside the tenant
 * scope of `nodeRequest`. Everything `next` starts synchronously, and every promise or
 * timer created from there, sees the scope; `TenantContext` reads it.
 */
export function runInTenantScope<T>(nodeRequest: object, next: () => T): T {
  return tenantContextStorage.run(requestTenantScope(nodeRequest), next);
}
