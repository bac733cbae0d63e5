// expect: ["2:1 cluster name 'My Cluster' is not a valid name"]
cluster('My Cluster') { }
