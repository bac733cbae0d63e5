// expect: ["3:34 mirror 'ftp://mirror.example' is not an http or https URL"]
cluster {
    kubernetes { registryMirrors 'docker.io': 'ftp://mirror.example' }
}
