// expect: ["2:1 refused: the name 'metaClass'", "2:1 refused: calling invokeMethod()"]
metaClass.invokeMethod(this, "evaluate", "1")
