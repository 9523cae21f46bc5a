# entrypoints: test/checks
# input: {"user": "bob"}
# data: {"config": {"limit": 1}}
# want test/checks: [{"result": {"input_replaced": true, "rule_replaced": true, "builtin_mocked": 3, "function_mocked": "mock", "data_replaced": true}}]
package test

is_alice if input.user == "alice"

over_limit if data.config.limit > 5

greeting(name) := concat(" ", ["hello", name])

mock_greeting(_) := "mock"

checks["input_replaced"] := true if is_alice with input.user as "alice"

checks["rule_replaced"] := true if is_alice with data.test.is_alice as true

checks["builtin_mocked"] := n if n := count([]) with count as 3

checks["function_mocked"] := g if g := greeting("x") with greeting as mock_greeting

checks["data_replaced"] := true if over_limit with data.config.limit as 10
