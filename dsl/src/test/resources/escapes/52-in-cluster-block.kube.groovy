// expect: ["2:56 refused: calling execute()"]
cluster { cpus "touch /tmp/kubik-escape-canary".execute().text.size() }
