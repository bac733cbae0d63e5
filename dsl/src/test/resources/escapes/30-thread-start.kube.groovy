// expect: ["2:1 refused: the class java.lang.Thread: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math", "2:16 refused: creating java.io.File: scripts may create lists, maps, sets, strings, numbers and exceptions"]
Thread.start { new File("/tmp/kubik-escape-canary").text = "x" }
