// expect: ["3:31 feature gate 'SidecarContainers' takes true or false, got 'yes'"]
cluster {
    kubernetes { featureGates 'SidecarContainers': 'yes' }
}
