// expect: ["4:11 driver 'solo' cannot join several machines"]
cluster {
    driver 'solo'
    nodes 2
}
