// expect: ["3:10 cpus 0 is out of range", "4:12 memory 1024 MiB is too little", "5:12 unknown driver 'dokcer'; did you mean 'docker'?"]
cluster('dev') {
    cpus 0
    memory '1g'
    driver 'dokcer'
}
