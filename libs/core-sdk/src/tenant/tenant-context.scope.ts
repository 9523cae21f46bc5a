import { NodeRequestMap } from '../node-request-map';
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

const scopes = new NodeRequestMap<RequestTenantScope>();

/**
 * The request's scope (Express `req`, Fastify `request` or the Node request); created on
 * first use, since guards can run without the request hook.
 */
export function requestTenantScope(request: object): RequestTenantScope {
  let scope = scopes.get(request);
  if (scope === undefined) {
    scope = new RequestTenantScope();
    scopes.set(request, scope);
  }
  return scope;
}

/** The request's scope if one was opened or filled, without creating one. */
export function existingTenantScope(request: object): RequestTenantScope | undefined {
  return scopes.get(request);
}

/**
 * Runs `next` (the rest of the request pipeline: guards, pipes, handler) inside the tenant
 * scope of `nodeRequest`. Everything `next` starts synchronously, and every promise or
 * timer created from there, sees the scope; `TenantContext` reads it.
 */
export function runInTenantScope<T>(nodeRequest: object, next: () => T): T {
  return tenantContextStorage.run(requestTenantScope(nodeRequest), next);
}
