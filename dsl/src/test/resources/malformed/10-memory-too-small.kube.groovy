// expect: ["2:18 memory 1024 MiB is too little"]
cluster { memory '1g' }
