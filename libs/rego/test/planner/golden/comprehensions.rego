# entrypoints: test/squares, test/evens, test/index
# input: {"numbers": [1, 2, 3, 4]}
# want test/squares: [{"result": [1, 4, 9, 16]}]
# want test/evens: [{"result": [2, 4]}]
# want test/index: [{"result": {"1": 1, "2": 4, "3": 9, "4": 16}}]
package test

squares := [y | some x in input.numbers; y := x * x]

evens := {x | some x in input.numbers; x % 2 == 0}

index := {format_int(x, 10): square | some x in input.numbers; square := x * x}
