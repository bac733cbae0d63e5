// expect: ["2:1 refused: import java.lang.Runtime as R: untrusted scripts import nothing"]
import java.lang.Runtime as R
R.runtime.exec("id")
