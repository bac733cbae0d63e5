// expect: ["2:15 refused: calling execute()"]
def s = "${-> "touch /tmp/kubik-escape-canary".execute()}"
println s
