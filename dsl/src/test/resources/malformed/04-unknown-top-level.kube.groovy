// expect: ["2:1 unknown keyword 'clustr' in the top level of a script; did you mean 'cluster'?"]
clustr { cpus 2 }
