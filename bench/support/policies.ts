/** Policies shared by the benchmarks: a typical tenant policy and OPA's classic RBAC shape. */

export const TENANT_GLOBAL = `package coresdk.authz

default allow := false

# Readers may read anything of their own tenant.
allow if {
	input.action in {"products:read", "orders:read"}
	input.user.tenant_id == input.tenant_id
}

# Editors write products; admins do anything except billing.
allow if {
	input.action == "products:write"
	input.user.role in {"editor", "admin"}
}

allow if {
	input.user.role == "admin"
	not startswith(input.action, "billing:")
}

# Support staff act only during business hours of the request's region.
allow if {
	input.user.role == "support"
	input.action in support_actions
	input.resource.region in data.tenants[input.tenant_id].regions
}

support_actions := {"orders:read", "tickets:write", "tickets:read"}

deny_reasons contains "suspended" if data.tenants[input.tenant_id].suspended == true

deny_reasons contains "cross-tenant" if input.user.tenant_id != input.tenant_id
`;

export const TENANT_OVERRIDE = `package coresdk.authz

# acme-corp has the analytics add-on and lets auditors read invoices.
allow if {
	input.action == "analytics:read"
	input.user.tenant_id == "acme-corp"
}

allow if {
	input.action == "billing:read"
	"auditor" in input.user.groups
	count(deny_reasons) == 0
}

max_export_rows := 10000 if input.user.role == "admin"
else := 1000
`;

export const RBAC_POLICY = `package rbac

default allow := false

allow if {
	some role in data.user_roles[input.user]
	some grant in data.role_grants[role]
	grant.action == input.action
	grant.type == input.type
}
`;

export const RBAC_DATA = {
  user_roles: {
    alice: ['admin'],
    bob: ['employee', 'billing'],
    eve: ['customer'],
  },
  role_grants: {
    customer: [
      { action: 'read', type: 'dog' },
      { action: 'read', type: 'cat' },
      { action: 'adopt', type: 'dog' },
      { action: 'adopt', type: 'cat' },
    ],
    employee: [
      { action: 'read', type: 'dog' },
      { action: 'read', type: 'cat' },
      { action: 'update', type: 'dog' },
      { action: 'update', type: 'cat' },
    ],
    billing: [
      { action: 'read', type: 'finance' },
      { action: 'update', type: 'finance' },
    ],
    admin: [{ action: 'update', type: 'finance' }],
  },
};

export const RBAC_INPUT = { user: 'bob', action: 'update', type: 'finance' };
