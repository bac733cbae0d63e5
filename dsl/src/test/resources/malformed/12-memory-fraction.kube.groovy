// expect: ["2:18 memory: 2048.5 is not a whole number of MiB"]
cluster { memory 2048.5 }
