// expect: ["2:5 refused: the class org.codehaus.groovy.runtime.ProcessGroovyMethods: scripts may name only value types (String, numbers, List, Map, Set, Closure) and Math", "2:57 refused: calling execute()"]
use(org.codehaus.groovy.runtime.ProcessGroovyMethods) { "touch /tmp/kubik-escape-canary".execute() }
