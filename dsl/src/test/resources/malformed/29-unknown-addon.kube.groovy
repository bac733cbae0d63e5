// expect: ["2:18 unknown addon 'metric-server'; did you mean 'metrics-server'?"]
cluster { addons 'metric-server' }
