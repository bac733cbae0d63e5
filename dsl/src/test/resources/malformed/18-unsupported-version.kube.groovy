// expect: ["3:26 Kubernetes v1.20.0 is not supported"]
cluster {
    kubernetes { version 'v1.20.0' }
}
