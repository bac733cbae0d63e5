// expect: ["2:1 refused: calling execute() on java.lang.String (untrusted scripts may not)"]
"touch /tmp/kubik-escape-canary"."${"exe"}cute"()
