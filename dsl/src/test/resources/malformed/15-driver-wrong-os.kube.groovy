// expect: ["2:18 driver 'vfkit' runs only on macOS; this host runs Linux"]
cluster { driver 'vfkit' }
