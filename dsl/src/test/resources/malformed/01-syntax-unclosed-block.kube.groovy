// expect: syntax
cluster {
    cpus 2
