// expect: ["2:9 refused: reading 'class'", "3:1 refused: calling forName()"]
def c = "".class
c.forName("java.lang.Runtime")
