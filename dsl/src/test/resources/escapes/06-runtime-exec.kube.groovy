// expect: ["2:1 refused: the class java.lang.Runtime: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
Runtime.runtime.exec("touch /tmp/kubik-escape-canary")
