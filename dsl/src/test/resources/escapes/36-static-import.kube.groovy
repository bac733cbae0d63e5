// expect: ["2:1 refused: import static java.lang.Runtime.getRuntime: untrusted scripts import nothing"]
import static java.lang.Runtime.getRuntime
getRuntime().exec("touch /tmp/kubik-escape-canary")
