// The benchmark script: a three-node cluster, planned with --dry-run.
cluster('bench') {
    driver 'docker'
    cpus 2
    memory '4g'
    nodes 3
    kubernetes {
        bootstrapper 'none'
        runtime 'containerd'
    }
    options { image 'kubik/node:dev' }
}
