// expect: ["2:1 refused: calling tap()"]
"touch /tmp/kubik-escape-canary".tap { execute() }
