// expect: ["2:28 refused: calling toURL() on java.lang.String (untrusted scripts may not)"]
"http://127.0.0.1:1/".toURL().text
