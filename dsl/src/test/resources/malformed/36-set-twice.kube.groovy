// expect: ["4:5 'cpus' is already set in this block, at line 3"]
cluster {
    cpus 2
    cpus 4
}
