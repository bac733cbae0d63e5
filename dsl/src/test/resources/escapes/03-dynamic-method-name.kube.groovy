// expect: ["3:1 refused: calling execute() on java.lang.String (untrusted scripts may not)"]
def m = "exe" + "cute"
"touch /tmp/kubik-escape-canary"."$m"()
