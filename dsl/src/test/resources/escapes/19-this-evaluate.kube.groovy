// expect: ["2:1 refused: calling evaluate()"]
this.evaluate('"touch /tmp/kubik-escape-canary".execute()')
