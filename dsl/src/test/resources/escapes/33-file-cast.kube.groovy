// expect: ["2:9 refused: the class java.io.File: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
def f = "/tmp/kubik-escape-canary" as File
f << "x"
