// expect: ["2:1 refused: calling with()"]
"touch /tmp/kubik-escape-canary".with { execute() }
