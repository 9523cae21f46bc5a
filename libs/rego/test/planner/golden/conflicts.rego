# entrypoints: test/value, test/keys
# input: {"a": 1, "b": 2}
# error test/value: eval_conflict_error
# error test/keys: eval_conflict_error
package test

value := input.a if input.a

value := input.b if input.b

keys["k"] := x if some x in [input.a, input.b]
