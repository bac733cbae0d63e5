// expect: ["3:30 unknown extraConfig component 'kubelett'; did you mean 'kubelet'?"]
cluster {
    kubernetes { extraConfig 'kubelett.max-pods': 150 }
}
