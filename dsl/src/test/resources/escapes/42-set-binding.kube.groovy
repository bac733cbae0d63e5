// expect: ["2:12 refused: creating groovy.lang.Binding: scripts may create lists, maps, sets, strings, numbers and exceptions"]
setBinding(new Binding())
