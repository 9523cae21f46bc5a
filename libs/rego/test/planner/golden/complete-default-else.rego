# entrypoints: test/allow, test/level
# input: {"user": "bob", "score": 7}
# want test/allow: [{"result": false}]
# want test/level: [{"result": "medium"}]
package test

default allow := false

allow if input.user == "alice"

level := "high" if {
	input.score > 8
} else := "medium" if {
	input.score > 5
} else := "low"
