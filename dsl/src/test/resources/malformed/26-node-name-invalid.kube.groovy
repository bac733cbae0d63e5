// expect: ["3:5 node name 'DB_1' is not a valid name"]
cluster {
    node('DB_1') { }
}
