// expect: ["2:1 refused: the class java.lang.System: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
System.exit(3)
