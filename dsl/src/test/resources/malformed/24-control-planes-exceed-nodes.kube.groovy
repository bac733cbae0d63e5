// expect: ["4:19 controlPlanes 3 needs at least 3 nodes, but nodes is 1"]
cluster {
    nodes 1
    controlPlanes 3
}
