// expect: ["3:1 cluster 'a' is already described at line 2"]
cluster('a') { }
cluster('a') { }
