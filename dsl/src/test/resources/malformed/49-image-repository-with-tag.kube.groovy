// expect: ["3:34 'registry.example/k8s:v1' is not an image repository"]
cluster {
    kubernetes { imageRepository 'registry.example/k8s:v1' }
}
