// expect: ["2:10 refused: the class java.lang.Runtime: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
java.lang.Runtime.getRuntime().exec("touch /tmp/kubik-escape-canary")
