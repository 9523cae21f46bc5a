# entrypoints: test/admins, test/roles_by_user
# input: {"users": [{"name": "a", "role": "admin"}, {"name": "b", "role": "dev"}, {"name": "c", "role": "admin"}]}
# want test/admins: [{"result": ["a", "c"]}]
# want test/roles_by_user: [{"result": {"a": "admin", "b": "dev", "c": "admin"}}]
package test

admins contains user.name if {
	some user in input.users
	user.role == "admin"
}

roles_by_user[name] := role if {
	some i
	name := input.users[i].name
	role := input.users[i].role
}
