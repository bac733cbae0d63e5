// expect: ["3:9 refused: a method pointer to execute on java.lang.String (untrusted scripts may not)"]
def name = "exe" + "cute"
def p = "touch /tmp/kubik-escape-canary".&"$name"
p()
