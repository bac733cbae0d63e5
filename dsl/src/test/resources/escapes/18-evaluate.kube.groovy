// expect: ["2:1 refused: calling evaluate() (untrusted scripts may not)"]
evaluate('"touch /tmp/kubik-escape-canary".execute()')
