/** What CoreSDK decided about one request. */
export type AuditDecision = 'allow' | 'deny' | 'error';

/**
 * One audit record per request that reached CoreSDK, written when the response finishes,
 * whatever rejected or served it. Field names are stable: sinks and log pipelines key on them.
 * A record never holds a token, a key or a secret.
 */
export interface AuditRecord {
  /** ISO-8601 time the request arrived. */
  timestamp: string;
  service: string;
  /** Verified tenant; null when authentication failed before a tenant was known. */
  tenant_id: string | null;
  /**
   * Only on cross-tenant requests (a service token acting on another tenant): `tenant_id`
   * is the target, `home_tenant_id` the token's own tenant. Such records also go to the
   * cross-tenant stream.
   */
  cross_tenant?: true;
  home_tenant_id?: string;
  /** Verified `sub` claim. */
  subject: string | null;
  /** The `@Authorize` action, when the route has one. */
  action: string | null;
  decision: AuditDecision;
  /**
   * Why, as a short stable code: `public`, `authenticated`, `policy_allow`, `policy_deny`,
   * `invalid_token`, `missing_token`, `tenant_not_allowed`, `rate_limited`,
   * `rate_limit_unavailable`, `engine_error`, `handler_error`, `not_found`, …
   */
  reason: string;
  /** Which policy module decided (`global`, `tenant:acme-corp`), when one did. */
  policy: string | null;
  /** True when fail_mode, not a policy, decided (engine or storage could not answer). */
  fail_mode_applied: boolean;
  status: number;
  method: string;
  /** Route template (`/products/:id`) when known, else the path without its query string. */
  route: string;
  duration_ms: number;
}
