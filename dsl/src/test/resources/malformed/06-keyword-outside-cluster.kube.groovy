// expect: ["2:1 'cpus' belongs in cluster { }, not in the top level of a script"]
cpus 2
