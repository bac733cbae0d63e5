// expect: ["3:5 options { } needs a driver to check them against"]
cluster {
    options { image 'x' }
}
