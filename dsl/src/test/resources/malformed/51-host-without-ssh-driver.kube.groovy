// expect: ["4:33 host names an existing machine, which driver 'docker' does not adopt: it makes its own"]
cluster('dev') {
    driver 'docker'
    node('db') { role 'worker'; host '10.0.0.5'; user 'ubuntu' }
}
