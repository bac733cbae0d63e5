package dev.kubik.spi;

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
 */
public record KubernetesSpec(String version, String runtime, String bootstrapper, String podSubnet,
                             String serviceSubnet, String dnsDomain, Map<String, Map<String, String>> extraConfig,
                             Map<String, Boolean> featureGates) {
    public KubernetesSpec {
        extraConfig = Map.copyOf(extraConfig);
        featureGates = Map.copyOf(featureGates);
    }
}
