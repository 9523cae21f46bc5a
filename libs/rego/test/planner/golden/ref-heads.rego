# entrypoints: test/tenants
# input: {"grants": [{"tenant": "t1", "user": "u1"}, {"tenant": "t1", "user": "u2"}, {"tenant": "t2", "user": "u1"}]}
# want test/tenants: [{"result": {"t1": {"members": ["u1", "u2"]}, "t2": {"members": ["u1"]}, "static": {"enabled": true}}}]
package test

tenants[tenant].members contains user if {
	some grant in input.grants
	tenant := grant.tenant
	user := grant.user
}

tenants.static.enabled := true
