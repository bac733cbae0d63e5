#!/usr/bin/env kubik run
// A three-node Kubernetes cluster, for a machine that reaches a registry and the Kubernetes release servers.
// Offline (this project's CI machines), put kubeadm, kubelet and kubectl for the version in
// ~/.kubik/cache/linux/amd64/v1.34.0/, or use bootstrapper 'none' as examples/machines.kube.groovy does.
cluster('dev') {
    driver 'docker'
    cpus 2
    memory '4g'
    nodes 3                          // 1 control plane + 2 workers
    kubernetes {
        version 'v1.34.0'
        runtime 'containerd'
        bootstrapper 'kubeadm'
        extraConfig 'kubelet.max-pods': 150
    }
    addons 'storage-provisioner', 'default-storageclass', 'metrics-server'
}
