// expect: ["2:1 refused: the name 'super'", "2:1 refused: calls through super"]
super.evaluate("1")
