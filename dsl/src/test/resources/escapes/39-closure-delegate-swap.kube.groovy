// expect: ["3:1 refused: setting 'delegate'"]
def c = { execute() }
c.delegate = "touch /tmp/kubik-escape-canary"
c()
