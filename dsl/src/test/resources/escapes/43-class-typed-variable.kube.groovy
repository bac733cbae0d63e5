// expect: ["2:7 refused: the class java.lang.Class: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
Class c = "java.lang.Runtime"
c.runtime
