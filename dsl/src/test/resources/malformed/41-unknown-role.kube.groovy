// expect: ["3:23 unknown role 'master'"]
cluster {
    node('db') { role 'master' }
}
