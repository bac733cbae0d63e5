// expect: ["2:16 port 70000 is out of range"]
cluster { port 70000, to: 80 }
