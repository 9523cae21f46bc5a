# entrypoints: test, test/names
# data: {"test": {"base": 1, "sub": {"c": 3}}, "other": {"value": 2}}
# want test: [{"result": {"base": 1, "p": true, "sub": {"a": 1, "c": 3}, "names": ["a", "c"]}}]
# want test/names: [{"result": ["a", "c"]}]
package test

p := true

q := false if false

f(x) := x

sub.a := 1

sub.b := 2 if false

names := {k | data.test.sub[k]}
