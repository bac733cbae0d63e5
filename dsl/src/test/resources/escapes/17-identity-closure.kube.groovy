// expect: ["2:1 refused: calling identity()", "2:45 refused: calling execute()"]
"touch /tmp/kubik-escape-canary".identity { it.execute() }
