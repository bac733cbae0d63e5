// expect: ["2:1 refused: calling forName()", "2:12 refused: calling getClass()"]
"".getClass().forName("java.lang.Runtime")
