// expect: ["2:14 refused: calling execute()"]
def boom() { "touch /tmp/kubik-escape-canary".execute() }
cluster { nodes 1 }
boom()
