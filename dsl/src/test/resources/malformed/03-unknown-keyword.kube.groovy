// expect: ["3:5 unknown keyword 'memroy' in cluster { }; did you mean 'memory'?"]
cluster {
    memroy '8g'
}
