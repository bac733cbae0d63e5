// expect: ["2:1 refused: the class java.lang.Class: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math", "2:14 refused: calling forName()"]
Class.forName("java.lang.Runtime").getRuntime().exec("touch /tmp/kubik-escape-canary")
