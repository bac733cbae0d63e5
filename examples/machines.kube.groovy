#!/usr/bin/env kubik run
// Three machines with containerd, no Kubernetes: what kubik can build on a machine with no network.
// The node image comes from scripts/build-node-image.sh (KUBIK_NODE_IMAGE=kubik/node:dev).
cluster('machines') {
    driver 'docker'
    cpus 1
    memory '2g'
    nodes 3
    kubernetes {
        bootstrapper 'none'        // machines and a container runtime only
        runtime 'containerd'
    }
}
