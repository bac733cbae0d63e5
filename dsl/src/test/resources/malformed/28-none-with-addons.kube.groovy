// expect: ["4:5 addons need Kubernetes, but bootstrapper 'none' installs none"]
cluster {
    kubernetes { bootstrapper 'none' }
    addons 'metrics-server'
}
