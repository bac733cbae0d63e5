// expect: ["3:55 registry mirrors are configured by a bootstrapper that sets up the runtime for Kubernetes, and 'none' does not"]
cluster {
    kubernetes { bootstrapper 'none'; registryMirrors 'docker.io': 'https://m.example' }
}
