package dev.kubik.bootstrapper.kubeadm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.spi.KubernetesSpec;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kubeadm's configuration for one node, as typed objects rendered to YAML by Jackson: InitConfiguration (or
 * JoinConfiguration), ClusterConfiguration, KubeletConfiguration and KubeProxyConfiguration, in the API version
 * the node's kubeadm accepts. Field names and shapes follow kubeadm's v1beta3/v1beta4 and the kubelet's and
 * kube-proxy's published references.
 */
final class KubeadmConfig {
    /** The components {@code extraConfig} configures: each control-plane component, the kubelet, kube-proxy, kubeadm. */
    static final List<String> COMPONENTS = List.of("apiserver", "controller-manager", "scheduler", "kubelet",
            "kube-proxy", "etcd", "kubeadm");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // kubeadm's argument values are strings: "150" must not be read back as a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    /**
     * The node the files are for.
     *
     * @param cluster  the profile (clusterName)
     * @param name     the node name
     * @param ip       its address on the cluster network
     * @param certSANs extra names and addresses the API server certificate must carry
     */
    /** The node kubeadm init runs on, in a cluster of {@code controlPlanes} control planes. */
    record Node(String cluster, String name, String ip, List<String> certSANs, int controlPlanes) {
    }

    record Arg(String name, String value) {
    }

    record ApiEndpoint(String advertiseAddress, int bindPort) {
    }

    /** {@code taints: []} is written: left out, kubeadm taints the control plane and a later untaint is needed. */
    record NodeRegistration(String criSocket, String name, Object kubeletExtraArgs,
                            @JsonInclude(JsonInclude.Include.ALWAYS) List<Object> taints) {
    }

    record InitConfiguration(String apiVersion, String kind, ApiEndpoint localAPIEndpoint, NodeRegistration nodeRegistration) {
    }

    record Component(List<String> certSANs, Object extraArgs) {
    }

    record LocalEtcd(String dataDir, Object extraArgs) {
    }

    record Etcd(LocalEtcd local) {
    }

    record Networking(String dnsDomain, String podSubnet, String serviceSubnet) {
    }

    record ClusterConfiguration(String apiVersion, String kind, Component apiServer, Component controllerManager,
                                Component scheduler, String certificatesDir, String clusterName,
                                String controlPlaneEndpoint, Etcd etcd, String imageRepository, String kubernetesVersion,
                                Networking networking) {
    }

    record X509(String clientCAFile) {
    }

    record Authentication(X509 x509) {
    }

    record KubeletConfiguration(String apiVersion, String kind, Authentication authentication, String cgroupDriver,
                                String containerRuntimeEndpoint, String hairpinMode, String runtimeRequestTimeout,
                                String clusterDomain, Map<String, String> evictionHard,
                                Integer imageGCHighThresholdPercent, Boolean failSwapOn, String staticPodPath,
                                Map<String, Boolean> featureGates) {
    }

    /**
     * kube-proxy leaves the host's conntrack table alone: a node in a container cannot set nf_conntrack_max, and
     * kube-proxy crash-loops trying where the limit is below 32768 per core (minikube#11418, kind#2240); the
     * TCP timeouts likewise (minikube and kind do the same).
     */
    record Conntrack(int maxPerCore, String tcpEstablishedTimeout, String tcpCloseWaitTimeout) {
        static final Conntrack LEAVE_ALONE = new Conntrack(0, "0s", "0s");
    }

    /** kube-proxy's options are configuration fields; extraConfig 'kube-proxy.*' become top-level fields. */
    record KubeProxyConfiguration(String apiVersion, String kind, String clusterCIDR, String metricsBindAddress,
                                  Conntrack conntrack, Map<String, Boolean> featureGates,
                                  @com.fasterxml.jackson.annotation.JsonIgnore Map<String, String> extra) {
        @JsonAnyGetter
        public Map<String, String> any() {
            return extra;
        }
    }

    private KubeadmConfig() {
    }

    /** The kubeadm.yaml for {@code kubeadm init} on the first control plane. */
    static String init(KubernetesSpec k8s, Node node) {
        String api = KubernetesReleases.kubeadmApiVersion(k8s.version());
        boolean structured = KubernetesReleases.structuredExtraArgs(k8s.version());
        Map<String, Map<String, String>> extra = k8s.extraConfig();
        String gates = featureGatesFlag(controlPlaneGates(k8s));

        InitConfiguration init = new InitConfiguration(api, "InitConfiguration",
                new ApiEndpoint(node.ip(), k8s.apiServerPort()),
                new NodeRegistration(ContainerRuntimes.of(k8s.runtime()).criSocket(), node.name(),
                        args(structured, kubeletFlags(extra, node.ip())), List.of()));
        List<String> sans = new ArrayList<>(List.of("127.0.0.1", "localhost", KubeadmPaths.CONTROL_PLANE_ALIAS, node.ip()));
        node.certSANs().stream().filter(s -> !sans.contains(s)).forEach(sans::add);
        ClusterConfiguration cluster = new ClusterConfiguration(api, "ClusterConfiguration",
                new Component(sans, args(structured, withGates(extra.get("apiserver"), gates))),
                new Component(List.of(), args(structured, electing(withGates(extra.get("controller-manager"), gates), node))),
                new Component(List.of(), args(structured, electing(withGates(extra.get("scheduler"), gates), node))),
                KubeadmPaths.CERTIFICATES, node.cluster(),
                KubeadmPaths.CONTROL_PLANE_ALIAS + ":" + k8s.apiServerPort(),
                new Etcd(new LocalEtcd(KubeadmPaths.ETCD_DATA, args(structured, extra.get("etcd")))),
                k8s.imageRepository(), k8s.version(), new Networking(k8s.dnsDomain(), k8s.podSubnet(), k8s.serviceSubnet()));
        return documents(init, cluster, kubelet(k8s), kubeProxy(k8s));
    }

    /** The script's gates, plus those the version and runtime need (a script's own setting wins). */
    static Map<String, Boolean> controlPlaneGates(KubernetesSpec k8s) {
        Map<String, Boolean> gates = new TreeMap<>(k8s.featureGates());
        if (KubernetesReleases.needsWebSocketsToKubeletOff(k8s.version(), k8s.runtime())) {
            gates.putIfAbsent("ExtendWebSocketsToKubelet", false);
        }
        return gates;
    }

    static KubeletConfiguration kubelet(KubernetesSpec k8s) {
        Map<String, String> evictionOff = new LinkedHashMap<>();
        // A developer's disk fills up; evicting every pod then helps no one (minikube does the same).
        evictionOff.put("imagefs.available", "0%");
        evictionOff.put("nodefs.available", "0%");
        evictionOff.put("nodefs.inodesFree", "0%");
        return new KubeletConfiguration("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration",
                new Authentication(new X509(KubeadmPaths.CERTIFICATES + "/ca.crt")),
                "systemd", ContainerRuntimes.of(k8s.runtime()).criSocket(),
                // hairpin-veth: the default (promiscuous-bridge) assumes a bridge named cbr0, which CNI plugins do
                // not make; 15m: the default 2m fails image pulls and starts on slow machines (both minikube's).
                "hairpin-veth", "15m",
                k8s.dnsDomain(), evictionOff, 100, false,
                KubeadmPaths.STATIC_PODS, new TreeMap<>(k8s.featureGates()));
    }

    /**
     * kube-proxy's metrics on every address of the node, not only its loopback (minikube's choice, for the same
     * reason): a Prometheus in the cluster scrapes them at NODE:10249; the node's network is the cluster's own
     * and the port is not published to the host. The cluster's feature gates go to kube-proxy too, unlike
     * minikube, which writes none: kube-proxy reads the same gate registry as the other components, and a gate
     * such as a service-proxy one changes nothing unless kube-proxy has it. {@code extraConfig 'kube-proxy.*'}
     * wins over both.
     */
    static KubeProxyConfiguration kubeProxy(KubernetesSpec k8s) {
        Map<String, String> extra = new TreeMap<>(k8s.extraConfig().getOrDefault("kube-proxy", Map.of()));
        String metrics = extra.containsKey("metricsBindAddress") ? extra.remove("metricsBindAddress") : "0.0.0.0:10249";
        return new KubeProxyConfiguration("kubeproxy.config.k8s.io/v1alpha1", "KubeProxyConfiguration", k8s.podSubnet(),
                metrics, Conntrack.LEAVE_ALONE, new TreeMap<>(k8s.featureGates()), extra);
    }

    /**
     * A single control plane's controller manager and scheduler run without leader election (minikube's
     * setting): there is no one to elect, and with election a restarted component waits for its own old lease
     * to expire (about 15 s) before it does anything, after every {@code kubik start}. With two or more control
     * planes election stays on, or each would run its controllers at once; minikube turns it off there too. A
     * script's own {@code leader-elect} wins.
     */
    private static Map<String, String> electing(Map<String, String> flags, Node node) {
        if (node.controlPlanes() == 1) flags.putIfAbsent("leader-elect", "false");
        return flags;
    }

    /** Flags for {@code kubeadm init} itself, from {@code extraConfig 'kubeadm.<flag>'}. */
    static List<String> kubeadmFlags(KubernetesSpec k8s) {
        return k8s.extraConfig().getOrDefault("kubeadm", Map.of()).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    private static Map<String, String> kubeletFlags(Map<String, Map<String, String>> extra, String ip) {
        Map<String, String> flags = new TreeMap<>(extra.getOrDefault("kubelet", Map.of()));
        flags.putIfAbsent("node-ip", ip);
        return flags;
    }

    private static Map<String, String> withGates(Map<String, String> flags, String gates) {
        Map<String, String> all = new TreeMap<>(flags == null ? Map.of() : flags);
        if (!gates.isEmpty()) all.putIfAbsent("feature-gates", gates);
        return all;
    }

    static String featureGatesFlag(Map<String, Boolean> gates) {
        return new TreeMap<>(gates).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** v1beta4: a list of name/value pairs (duplicates allowed); v1beta3: a map. */
    private static Object args(boolean structured, Map<String, String> flags) {
        if (flags == null || flags.isEmpty()) return null;
        Map<String, String> sorted = new TreeMap<>(flags);
        if (!structured) return sorted;
        return sorted.entrySet().stream().map(e -> new Arg(e.getKey(), e.getValue())).toList();
    }

    static String documents(Object... documents) {
        try {
            List<String> yaml = new ArrayList<>();
            for (Object document : documents) yaml.add(YAML.writeValueAsString(document));
            return String.join("---\n", yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
