// expect: ["3:31 unknown bootstrapper 'kubeadmn'; did you mean 'kubeadm'?"]
cluster {
    kubernetes { bootstrapper 'kubeadmn' }
}
