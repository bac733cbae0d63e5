package dev.kubik.addons;

import java.util.List;
import java.util.Optional;

/**
 * The addons kubik ships, with minikube's names so users find the same ones. Image versions are those minikube
 * pins for the same Kubernetes releases.
 */
public final class AddonCatalog {
    private static final List<Addon> ADDONS = List.of(
            new Addon("storage-provisioner", "Provisions hostPath persistent volumes on the node", "minikube",
                    List.of("gcr.io/k8s-minikube/storage-provisioner:v5")),
            new Addon("default-storageclass", "Makes 'standard' (storage-provisioner's class) the default StorageClass",
                    "Kubernetes", List.of()),
            new Addon("metrics-server", "Node and pod resource metrics for kubectl top and autoscaling", "Kubernetes",
                    List.of("registry.k8s.io/metrics-server/metrics-server:v0.7.2@sha256:ffcb2bf004d6aa0a17d90e0247cf94f2865c8901dcab4427034c341951c239f9")),
            new Addon("ingress", "ingress-nginx on ports 80 and 443 of the primary node, the default IngressClass",
                    "Kubernetes", List.of("registry.k8s.io/ingress-nginx/controller:v1.11.3@sha256:d56f135b6462cfc476447cfe564b83a45e8bb7da2774963b00d12161112270b7")),
            new Addon("dashboard", "The Kubernetes Dashboard (kubectl proxy or port-forward to reach it)", "Kubernetes",
                    List.of("docker.io/kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93",
                            "docker.io/kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c")),
            new Addon("registry", "An image registry inside the cluster: registry.kube-system.svc:80", "minikube",
                    List.of("docker.io/registry:2.8.3@sha256:ac0192b549007e22998eb74e8d8488dcfe70f1489520c3b144a6047ac5efbe90")));

    private AddonCatalog() {
    }

    public static List<Addon> all() {
        return ADDONS;
    }

    public static List<String> names() {
        return ADDONS.stream().map(Addon::name).toList();
    }

    public static Optional<Addon> find(String name) {
        return ADDONS.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
