// expect: ["3:26 Kubernetes v1.29 is not supported"]
cluster {
    kubernetes { version 'v1.29' }
}
