// expect: ["2:18 memory: '8 gigs' is not a size"]
cluster { memory '8 gigs' }
