import { TenantContextUnavailableError } from '../errors/tenant-context-unavailable.error';
import { fillTenantScope } from './tenant-context.scope';
import type { VerifiedTenant } from './verified-tenant.interface';

/**
 * A symbol property keeps the verified tenant off anything a client controls (headers,
 * query, body) and out of request serialisation; it is set once per request.
 */
const VERIFIED_TENANT = Symbol('CoreSdk.VerifiedTenant');

type TenantCarrier = { [VERIFIED_TENANT]?: VerifiedTenant; raw?: unknown };

/**
 * Express hands guards the Node request itself, Fastify a wrapper whose `raw` is the Node
 * request. Keeping the tenant on the Node request lets middleware (which sees the Node
 * request on both adapters) find what the guard stored.
 */
function nodeRequest(request: object): TenantCarrier {
  const raw = (request as TenantCarrier).raw;
  return typeof raw === 'object' && raw !== null ? (raw as TenantCarrier) : request;
}

/** Records the guard's verdict on the request (Express `req` or Fastify `request`). */
export function attachVerifiedTenant(request: object, tenant: VerifiedTenant): void {
  const carrier = nodeRequest(request);
  if (carrier[VERIFIED_TENANT] !== undefined) {
    // The guard ran twice for one request (e.g. also bound with @UseGuards): keep the
    // first verdict, it came from the same Authorization header.
    return;
  }
  Object.defineProperty(carrier, VERIFIED_TENANT, {
    value: tenant,
    enumerable: false,
    writable: false,
    configurable: false,
  });
  // TenantContext reads the tenant from the scope the request hook opened.
  fillTenantScope(carrier, tenant);
}

/**
 * The tenant TenantGuard verified for this request, or undefined on a `@Public()` route
 * (or before the guard ran). Accepts the Express request, the Fastify request or the Node
 * request: guards, interceptors and middleware that run after TenantGuard
 * (authorization, throttling, audit) read the caller from here.
 */
export function readVerifiedTenant(request: object): VerifiedTenant | undefined {
  return nodeRequest(request)[VERIFIED_TENANT];
}

/** Like `readVerifiedTenant`, but a missing tenant is the caller's programming mistake. */
export function requireVerifiedTenant(request: object, what: string): VerifiedTenant {
  const tenant = readVerifiedTenant(request);
  if (tenant === undefined) {
    throw TenantContextUnavailableError.create(what);
  }
  return tenant;
}
