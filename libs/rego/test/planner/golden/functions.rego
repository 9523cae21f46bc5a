# entrypoints: test/results
# want test/results: [{"result": [2, "zero", -1, 10]}]
package test

default sign(_) := -1

sign(0) := "zero"

sign(x) := 2 if x > 0

double([a, b]) := a + b

results := [sign(5), sign(0), sign(-3), double([4, 6])]
