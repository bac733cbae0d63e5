// expect: ["2:1 refused: calling sleep() (untrusted scripts may not)"]
sleep(100000)
