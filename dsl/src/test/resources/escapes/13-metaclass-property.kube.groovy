// expect: ["2:7 refused: reading 'metaClass'", "2:30 refused: calling execute()"]
String.metaClass.boom = { -> "touch /tmp/kubik-escape-canary".execute() }
"".boom()
