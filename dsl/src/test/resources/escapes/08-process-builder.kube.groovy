// expect: ["2:1 refused: creating java.lang.ProcessBuilder: scripts may create lists, maps, sets, strings, numbers and exceptions"]
new ProcessBuilder("touch", "/tmp/kubik-escape-canary").start()
