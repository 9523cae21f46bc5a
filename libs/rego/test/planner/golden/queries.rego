# entrypoints:
# query q: data.test.users[name].age > 30
# data: {}
# input: {"people": {"ann": 41, "bob": 25, "cid": 33}}
# want q: [{"name": "ann"}, {"name": "cid"}]
package test

users[name] := {"age": age} if {
	some name, age in input.people
}
