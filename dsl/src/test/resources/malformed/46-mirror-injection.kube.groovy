// expect: ["3:34 mirror 'https://m.example\"]\n[evil' is not an http or https URL"]
cluster {
    kubernetes { registryMirrors 'docker.io': ['https://m.example"]\n[evil'] }
}
