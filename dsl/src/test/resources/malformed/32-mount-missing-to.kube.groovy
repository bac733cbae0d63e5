// expect: ["2:17 mount takes a source and to: a target"]
cluster { mount '/src' }
