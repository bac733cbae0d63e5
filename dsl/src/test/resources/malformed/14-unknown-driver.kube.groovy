// expect: ["2:18 unknown driver 'dokcer'; did you mean 'docker'?"]
cluster { driver 'dokcer' }
