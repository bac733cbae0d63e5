// expect: ["2:16 disk 1024 MiB is too small"]
cluster { disk '1g' }
