// expect: ["2:5 refused: reading 'class'", "2:11 refused: reading 'classLoader'"]
this.class.classLoader.loadClass("java.lang.Runtime")
