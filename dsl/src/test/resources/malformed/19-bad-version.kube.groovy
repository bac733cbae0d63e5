// expect: ["3:26 'latest' is not a Kubernetes version"]
cluster {
    kubernetes { version 'latest' }
}
