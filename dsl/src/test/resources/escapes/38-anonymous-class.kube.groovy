// expect: ["2:22 refused: declaring an anonymous class: untrusted scripts define functions and closures, not classes"]
def r = new Object() { String toString() { "touch /tmp/kubik-escape-canary".execute(); "x" } }
println r
