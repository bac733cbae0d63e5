// expect: ["2:1 refused: calling invoke()"]
String.getDeclaredMethod("valueOf", Object).invoke(null, 1)
