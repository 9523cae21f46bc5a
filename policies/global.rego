# Global policy: every tenant starts here. A tenant's file in tenants/<id>.rego is compiled
# together with this one (same package) and can add rules for that tenant only.
package coresdk.authz

default allow := false

# Any verified user may read their own tenant's products.
allow if input.action == "products:read"

# Writing products needs an editor or admin role claim.
allow if {
	input.action == "products:write"
	input.user.role in {"editor", "admin"}
}

# Deleting needs an admin.
allow if {
	input.action == "products:delete"
	input.user.role == "admin"
}
