#!/usr/bin/env kubik run
// Three machines with containerd, no Kubernetes: what kubik can build on a machine with no network.
// The node image is built offline by scripts/setup.sh (scripts/build-node-image.sh).
cluster('machines') {
    driver 'docker'
    cpus 1
    memory '2g'
    nodes 3
    options { image 'kubik/node:dev' }   // minikube's kicbase is the default where a registry is reachable
    kubernetes {
        bootstrapper 'none'        // machines and a container runtime only
        runtime 'containerd'
    }
}
