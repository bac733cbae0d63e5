// expect: ["4:5 driver 'ssh' adopts existing hosts, and unnamed nodes name none"]
cluster('lab') {
    driver 'ssh'
    nodes 2
}
