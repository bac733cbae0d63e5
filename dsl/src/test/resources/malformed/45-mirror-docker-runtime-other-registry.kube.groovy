// expect: ["5:25 the docker runtime can mirror only docker.io, not quay.io"]
cluster {
    kubernetes {
        runtime 'docker'
        registryMirrors 'quay.io': 'https://quay-mirror.example'
    }
}
