// expect: ["2:9 refused: reading 'properties'"]
println this.properties
