// expect: ["2:16 cpus 0 is out of range"]
cluster { cpus 0 }
