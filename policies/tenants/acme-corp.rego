# acme-corp's override, as in the CoreSDK documentation: acme-corp has the analytics
# add-on, so its users may read analytics. Other tenants fall back to the global policy,
# which does not grant it.
package coresdk.authz

allow if {
	input.action == "analytics:read"
	input.user.tenant_id == "acme-corp"
}
