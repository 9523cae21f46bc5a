/**
 * The benchmarked rules written by hand in TypeScript: what a team would write without a
 * policy engine, and so the cost the compiled module is weighed against. Each must agree
 * with its Rego source on every input the decision bench checks before timing.
 */

type Grant = { action?: unknown; type?: unknown };

export interface RbacData {
  user_roles: Record<string, unknown>;
  role_grants: Record<string, unknown>;
}

const own = (object: Record<string, unknown>, key: unknown): unknown =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(object, key)
    ? object[key]
    : undefined;

/** `bench/support/policies.ts` RBAC_POLICY: some role of the user has a matching grant. */
export function rbacAllow(
  data: RbacData,
  input: { user?: unknown; action?: unknown; type?: unknown },
): boolean {
  const roles = own(data.user_roles, input.user);
  if (!Array.isArray(roles)) return false;
  for (const role of roles) {
    const grants = own(data.role_grants, role);
    if (!Array.isArray(grants)) continue;
    for (const grant of grants as Grant[]) {
      if (grant.action === input.action && grant.type === input.type) return true;
    }
  }
  return false;
}

export interface SampleInput {
  action: string;
  tenant_id: string;
  user: Record<string, unknown>;
}

/**
 * `policies/global.rego` (+ `tenants/acme-corp.rego` when `withAcmeOverride`): read for
 * everyone, write for editors and admins, delete for admins, analytics for acme-corp users.
 */
export function sampleAllow(input: SampleInput, withAcmeOverride: boolean): boolean {
  const { action, user } = input;
  if (action === 'products:read') return true;
  if (action === 'products:write' && (user.role === 'editor' || user.role === 'admin')) return true;
  if (action === 'products:delete' && user.role === 'admin') return true;
  return withAcmeOverride && action === 'analytics:read' && user.tenant_id === 'acme-corp';
}
