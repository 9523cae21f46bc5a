# entrypoints: test/all_positive, test/no_admin, test/names
# input: {"values": [1, 2, 3], "users": {"u1": {"admin": false}, "u2": {"admin": false}}}
# want test/all_positive: [{"result": true}]
# want test/no_admin: [{"result": true}]
# want test/names: [{"result": ["u1", "u2"]}]
package test

all_positive if {
	every v in input.values {
		v > 0
	}
}

no_admin if not any_admin

any_admin if input.users[_].admin

names := [name | input.users[name]]
