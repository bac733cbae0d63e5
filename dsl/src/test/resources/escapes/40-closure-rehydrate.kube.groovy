// expect: ["3:12 refused: calling rehydrate()"]
def c = { execute() }
c.rehydrate("touch /tmp/kubik-escape-canary", null, null)()
