// expect: ["2:1 refused: creating groovy.lang.GroovyShell: scripts may create lists, maps, sets, strings, numbers and exceptions", "2:1 refused: calling evaluate()"]
new GroovyShell().evaluate('"touch /tmp/kubik-escape-canary".execute()')
