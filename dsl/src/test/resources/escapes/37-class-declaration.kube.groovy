// expect: ["2:1 refused: declaring class Evil: untrusted scripts define functions and closures, not classes"]
class Evil { static { "touch /tmp/kubik-escape-canary".execute() } }
new Evil()
