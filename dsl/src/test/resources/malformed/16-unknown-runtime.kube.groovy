// expect: ["3:26 unknown runtime 'containrd'; did you mean 'containerd'?"]
cluster {
    kubernetes { runtime 'containrd' }
}
