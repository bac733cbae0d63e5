package dev.kubik.spi;

import java.util.List;
import java.util.Map;

/**
 * How the machines become a cluster: the script's {@code kubernetes { }} block, with defaults filled in. Shared
 * by the model and the bootstrappers.
 *
 * @param version       Kubernetes version, e.g. v1.34.0
 * @param runtime       containerd, docker or cri-o
 * @param bootstrapper  kubeadm, or none for machines and a runtime only
 * @param podSubnet     CIDR for pod addresses
 * @param serviceSubnet CIDR for service addresses
 * @param dnsDomain     the cluster's DNS domain
 * @param extraConfig   component → flag → value (component is apiserver, kubelet, …)
 * @param featureGates  gate → enabled
 * @param registryMirrors registry host (docker.io, quay.io:443, …) → mirror URLs tried before it, in order
 * @param binaries      a host directory holding kubeadm, kubelet and kubectl for the version (air-gapped hosts),
 *                      or null to download them into kubik's cache
 * @param imageRepository where the control-plane and pause images come from instead of registry.k8s.io, or null
 * @param apiServerPort the port the API server listens on in its node (minikube's --apiserver-port)
 */
public record KubernetesSpec(String version, String runtime, String bootstrapper, String podSubnet,
                             String serviceSubnet, String dnsDomain, Map<String, Map<String, String>> extraConfig,
                             Map<String, Boolean> featureGates, Map<String, List<String>> registryMirrors, String binaries,
                             String imageRepository, int apiServerPort) {
    /** kubeadm's bind port in kubik's and minikube's nodes. */
    public static final int DEFAULT_API_SERVER_PORT = 8443;

    public KubernetesSpec {
        extraConfig = Map.copyOf(extraConfig);
        featureGates = Map.copyOf(featureGates);
        // State written before mirrors existed has none.
        registryMirrors = registryMirrors == null ? Map.of() : Map.copyOf(registryMirrors);
        // Specs saved before the port could be chosen have none.
        apiServerPort = apiServerPort == 0 ? DEFAULT_API_SERVER_PORT : apiServerPort;
    }

    /** Without registry mirrors, a binaries directory or an image repository. */
    public KubernetesSpec(String version, String runtime, String bootstrapper, String podSubnet, String serviceSubnet,
                          String dnsDomain, Map<String, Map<String, String>> extraConfig, Map<String, Boolean> featureGates) {
        this(version, runtime, bootstrapper, podSubnet, serviceSubnet, dnsDomain, extraConfig, featureGates, Map.of(), null, null);
    }

    /** On the default API server port. */
    public KubernetesSpec(String version, String runtime, String bootstrapper, String podSubnet, String serviceSubnet,
                          String dnsDomain, Map<String, Map<String, String>> extraConfig, Map<String, Boolean> featureGates,
                          Map<String, List<String>> registryMirrors, String binaries, String imageRepository) {
        this(version, runtime, bootstrapper, podSubnet, serviceSubnet, dnsDomain, extraConfig, featureGates,
                registryMirrors, binaries, imageRepository, DEFAULT_API_SERVER_PORT);
    }
}
