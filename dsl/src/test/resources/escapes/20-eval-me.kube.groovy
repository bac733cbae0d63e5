// expect: ["2:1 refused: the class groovy.util.Eval: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
Eval.me('"touch /tmp/kubik-escape-canary".execute()')
