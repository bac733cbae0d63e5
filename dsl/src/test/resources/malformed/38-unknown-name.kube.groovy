// expect: ["3:5 unknown name 'cores' in cluster { }"]
cluster {
    cpus cores
}
