// expect: ["2:1 refused: calling execute()"]
"touch /tmp/kubik-escape-canary".execute()
