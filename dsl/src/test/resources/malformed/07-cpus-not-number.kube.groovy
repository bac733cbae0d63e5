// expect: ["2:16 cpus takes a whole number, got 'two'"]
cluster { cpus 'two' }
