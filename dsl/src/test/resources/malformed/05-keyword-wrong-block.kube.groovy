// expect: ["3:5 'version' belongs in kubernetes { }, not in cluster { }"]
cluster {
    version 'v1.34.0'
}
