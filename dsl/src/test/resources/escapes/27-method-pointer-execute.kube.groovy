// expect: ["2:11 refused: a method pointer to execute on java.lang.String (untrusted scripts may not)"]
def run = "touch /tmp/kubik-escape-canary".&execute
run()
