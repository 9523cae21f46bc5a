/**
 * Distinct tenant override files for the scale bench: each tenant gets its own add-on
 * action, its own tenant id check and its own set of extra roles, so no two modules are
 * byte-identical (V8 shares compiled code between identical Wasm modules, which would
 * flatter the memory per tenant). Shaped like `policies/tenants/acme-corp.rego`, a bit
 * bigger.
 */
export function tenantId(index: number): string {
  return `tenant-${String(index).padStart(5, '0')}`;
}

export function tenantOverride(index: number): { path: string; source: string } {
  const id = tenantId(index);
  const roles = [`auditor-${index % 97}`, `ops-${index % 31}`, `lead-${index}`];
  const source = `package coresdk.authz

# ${id}: add-on ${index % 7} and its own delegated roles.
allow if {
	input.action == "addon-${index % 7}:read"
	input.user.tenant_id == "${id}"
}

allow if {
	input.action in {"reports:read", "reports:export"}
	input.user.role in {${roles.map((role) => `"${role}"`).join(', ')}}
}
`;
  return { path: `tenants/${id}.rego`, source };
}
