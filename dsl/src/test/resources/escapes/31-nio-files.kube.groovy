// expect: ["2:14 refused: the class java.nio.file.Files: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math", "2:46 refused: the class java.nio.file.Path: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math"]
java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/kubik-escape-canary"), "x")
