// expect: ["2:1 refused: the name 'binding'"]
binding = null
