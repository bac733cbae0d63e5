// expect: ["4:5 node name 'db' is used twice"]
cluster {
    node('db') { }
    node('db') { }
}
