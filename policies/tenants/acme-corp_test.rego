# Unit tests of acme-corp's policy: global.rego + tenants/acme-corp.rego, compiled together.
package coresdk.authz

acme_user(role) := {"sub": "alice", "tenant_id": "acme-corp", "role": role}

# The override: acme-corp has the analytics add-on.

test_analytics_allowed_for_acme_user if {
	allow with input as {"action": "analytics:read", "user": acme_user("viewer")}
}

test_analytics_denied_for_another_tenants_user if {
	not allow with input as {"action": "analytics:read", "user": {"sub": "bob", "tenant_id": "globex"}}
}

test_analytics_denied_without_tenant_claim if {
	not allow with input as {"action": "analytics:read", "user": {"sub": "bob"}}
}

# The global rules still apply to acme-corp.

test_products_read_still_allowed if {
	allow with input as {"action": "products:read", "user": acme_user("viewer")}
}

test_products_write_still_needs_editor if {
	not allow with input as {"action": "products:write", "user": acme_user("viewer")}
	allow with input as {"action": "products:write", "user": acme_user("editor")}
}

test_products_delete_still_needs_admin if {
	not allow with input as {"action": "products:delete", "user": acme_user("editor")}
	allow with input as {"action": "products:delete", "user": acme_user("admin")}
}

test_unknown_action_still_denied if {
	not allow with input as {"action": "analytics:write", "user": acme_user("admin")}
}
