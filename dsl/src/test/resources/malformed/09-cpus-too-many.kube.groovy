// expect: ["2:16 cpus 64 is out of range"]
cluster { cpus 64 }
