// expect: ["2:1 refused: calling invokeMethod()"]
"touch /tmp/kubik-escape-canary".invokeMethod("execute", null)
