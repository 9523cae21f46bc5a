# Unit tests of the global policy (run with `npx coresdk test policies`, or `npm test`).
# They run against global.rego alone: what every tenant without an override gets.
package coresdk.authz

user(role) := {"sub": "alice", "tenant_id": "globex", "role": role}

# products:read — any verified user.

test_read_allowed_for_any_role if {
	allow with input as {"action": "products:read", "user": user("viewer")}
}

test_read_allowed_without_role if {
	allow with input as {"action": "products:read", "user": {"sub": "bob"}}
}

# products:write — editor or admin.

test_write_allowed_for_editor if {
	allow with input as {"action": "products:write", "user": user("editor")}
}

test_write_allowed_for_admin if {
	allow with input as {"action": "products:write", "user": user("admin")}
}

test_write_denied_for_viewer if {
	not allow with input as {"action": "products:write", "user": user("viewer")}
}

test_write_denied_without_role if {
	not allow with input as {"action": "products:write", "user": {"sub": "bob"}}
}

# products:delete — admin only.

test_delete_allowed_for_admin if {
	allow with input as {"action": "products:delete", "user": user("admin"), "resource": {"id": "p1"}}
}

test_delete_denied_for_editor if {
	not allow with input as {"action": "products:delete", "user": user("editor")}
}

# Default deny.

test_unknown_action_denied if {
	not allow with input as {"action": "products:purge", "user": user("admin")}
}

test_analytics_not_granted_globally if {
	not allow with input as {"action": "analytics:read", "user": user("admin")}
}

test_no_input_is_false_not_undefined if {
	allow == false with input as {}
}
