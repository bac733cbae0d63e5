// expect: ["2:1 refused: the annotation @ASTTest: annotations run code at compile time"]
@groovy.transform.ASTTest(value = { "id".execute() })
def x = 1
