// expect: ["2:1 refused: creating java.io.File: scripts may create lists, maps, sets, strings, numbers and exceptions"]
new File("/tmp/kubik-escape-canary").text = "x"
