// expect: ["3:5 write 'cpus 2', not 'cpus = \u2026'"]
cluster {
    cpus = 2
}
