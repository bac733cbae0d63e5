package dev.kubik.bootstrapper.kubeadm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kubik.spi.KubernetesSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kubeadm.yaml against golden files (checked by hand against kubeadm's v1beta3/v1beta4, kubelet v1beta1 and
 * kube-proxy v1alpha1 references), and its structure read back as YAML. Regenerate the goldens after a deliberate
 * change with -Dkubik.updateGolden=true, then read the diff.
 */
class KubeadmConfigTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubeadmConfig.Node NODE = new KubeadmConfig.Node("dev", "dev", "192.168.49.2", List.of(), 1);

    static KubernetesSpec spec(String version, String runtime) {
        return new KubernetesSpec(version, runtime, "kubeadm", "10.244.0.0/16", "10.96.0.0/12", "cluster.local", Map.of(), Map.of());
    }

    static KubernetesSpec withOptions(String version) {
        return new KubernetesSpec(version, "containerd", "kubeadm", "10.200.0.0/16", "10.100.0.0/16", "dev.local",
                Map.of("apiserver", Map.of("v", "2"), "kubelet", Map.of("max-pods", "150"), "etcd", Map.of("quota-backend-bytes", "8589934592"),
                        "kube-proxy", Map.of("mode", "ipvs"), "kubeadm", Map.of("skip-phases", "addon/kube-proxy")),
                Map.of("SidecarContainers", true, "InPlacePodVerticalScaling", false), Map.of(), null, "registry.example:5000/k8s");
    }

    static Stream<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        // Every supported minor at its newest patch, with each runtime.
        for (String version : KubernetesReleases.MINORS.stream().map(KubernetesReleases::resolve).toList()) {
            for (String runtime : List.of("containerd", "docker", "cri-o")) {
                cases.add(new Object[]{version + "-" + runtime, spec(version, runtime)});
            }
        }
        cases.add(new Object[]{"v1.34.0-options", withOptions("v1.34.0")});
        cases.add(new Object[]{"v1.30.0-v1beta3-options", withOptions("v1.30.0")});
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(String name, KubernetesSpec spec) throws Exception {
        String rendered = KubeadmConfig.init(spec, NODE);
        Path golden = GOLDEN.resolve(name + ".yaml");
        if (Boolean.getBoolean("kubik.updateGolden")) Files.writeString(golden, rendered);
        assertThat(rendered).isEqualTo(Files.readString(golden));
    }

    static List<JsonNode> documents(String yaml) throws Exception {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return it.readAll();
        }
    }

    @Test
    void v1beta4CarriesEveryFieldInItsShape() throws Exception {
        List<JsonNode> docs = documents(KubeadmConfig.init(withOptions("v1.34.0"), NODE));
        assertThat(docs).extracting(d -> d.get("kind").asText())
                .containsExactly("InitConfiguration", "ClusterConfiguration", "KubeletConfiguration", "KubeProxyConfiguration");
        JsonNode init = docs.get(0), cluster = docs.get(1), kubelet = docs.get(2), proxy = docs.get(3);

        assertThat(init.get("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta4");
        assertThat(init.at("/localAPIEndpoint/advertiseAddress").asText()).isEqualTo("192.168.49.2");
        assertThat(init.at("/localAPIEndpoint/bindPort").asInt()).isEqualTo(8443);
        assertThat(init.at("/nodeRegistration/criSocket").asText()).isEqualTo("unix:///run/containerd/containerd.sock");
        assertThat(init.at("/nodeRegistration/name").asText()).isEqualTo("dev");
        // v1beta4: extra arguments are lists of {name, value}
        assertThat(init.at("/nodeRegistration/kubeletExtraArgs").isArray()).isTrue();
        assertThat(init.at("/nodeRegistration/kubeletExtraArgs").toString())
                .contains("{\"name\":\"max-pods\",\"value\":\"150\"}").contains("{\"name\":\"node-ip\",\"value\":\"192.168.49.2\"}");

        assertThat(cluster.get("controlPlaneEndpoint").asText()).isEqualTo("control-plane.kubik.internal:8443");
        assertThat(cluster.get("certificatesDir").asText()).isEqualTo("/var/lib/kubik/certs");
        assertThat(cluster.get("clusterName").asText()).isEqualTo("dev");
        assertThat(cluster.get("kubernetesVersion").asText()).isEqualTo("v1.34.0");
        assertThat(cluster.at("/etcd/local/dataDir").asText()).isEqualTo("/var/lib/kubik/etcd");
        assertThat(cluster.at("/etcd/local/extraArgs/0/name").asText()).isEqualTo("quota-backend-bytes");
        assertThat(cluster.at("/networking/podSubnet").asText()).isEqualTo("10.200.0.0/16");
        assertThat(cluster.at("/networking/serviceSubnet").asText()).isEqualTo("10.100.0.0/16");
        assertThat(cluster.at("/networking/dnsDomain").asText()).isEqualTo("dev.local");
        assertThat(cluster.at("/apiServer/certSANs").toString()).contains("127.0.0.1", "localhost", "control-plane.kubik.internal", "192.168.49.2");
        assertThat(cluster.at("/apiServer/extraArgs").toString())
                .contains("{\"name\":\"feature-gates\",\"value\":\"InPlacePodVerticalScaling=false,SidecarContainers=true\"}")
                .contains("{\"name\":\"v\",\"value\":\"2\"}");

        assertThat(kubelet.get("apiVersion").asText()).isEqualTo("kubelet.config.k8s.io/v1beta1");
        assertThat(kubelet.get("cgroupDriver").asText()).isEqualTo("systemd");
        assertThat(kubelet.get("failSwapOn").asBoolean()).isFalse();
        assertThat(kubelet.get("staticPodPath").asText()).isEqualTo("/etc/kubernetes/manifests");
        assertThat(kubelet.at("/authentication/x509/clientCAFile").asText()).isEqualTo("/var/lib/kubik/certs/ca.crt");
        assertThat(kubelet.at("/evictionHard/nodefs.available").asText()).isEqualTo("0%");
        assertThat(kubelet.at("/featureGates/SidecarContainers").asBoolean()).isTrue();

        assertThat(proxy.get("apiVersion").asText()).isEqualTo("kubeproxy.config.k8s.io/v1alpha1");
        assertThat(proxy.get("clusterCIDR").asText()).isEqualTo("10.200.0.0/16");
        assertThat(proxy.get("mode").asText()).isEqualTo("ipvs");
        assertThat(KubeadmConfig.kubeadmFlags(withOptions("v1.34.0"))).containsExactly("--skip-phases=addon/kube-proxy");
    }

    @Test
    void theApiServerPortIsKubeadmsBindPortAndTheControlPlaneEndpointsPort() throws Exception {
        KubernetesSpec base = spec("v1.36.3", "containerd");
        KubernetesSpec on6443 = new KubernetesSpec(base.version(), base.runtime(), base.bootstrapper(), base.podSubnet(),
                base.serviceSubnet(), base.dnsDomain(), Map.of(), Map.of(), Map.of(), null, null, 6443);
        List<JsonNode> docs = documents(KubeadmConfig.init(on6443, NODE));
        assertThat(docs.get(0).at("/localAPIEndpoint/bindPort").asInt()).isEqualTo(6443);
        assertThat(docs.get(1).at("/controlPlaneEndpoint").asText()).isEqualTo("control-plane.kubik.internal:6443");
        List<JsonNode> defaults = documents(KubeadmConfig.init(base, NODE));
        assertThat(defaults.get(0).at("/localAPIEndpoint/bindPort").asInt()).isEqualTo(8443);
    }

    @Test
    void minikubesFidelityFixesAreInEveryRendering() throws Exception {
        for (String version : KubernetesReleases.MINORS.stream().map(KubernetesReleases::resolve).toList()) {
            List<JsonNode> docs = documents(KubeadmConfig.init(spec(version, "containerd"), NODE));
            JsonNode init = docs.get(0), kubelet = docs.get(2), proxy = docs.get(3);
            // Written empty, or kubeadm taints the control plane itself.
            assertThat(init.at("/nodeRegistration/taints").isArray()).as(version).isTrue();
            assertThat(init.at("/nodeRegistration/taints").size()).as(version).isZero();
            assertThat(kubelet.get("hairpinMode").asText()).isEqualTo("hairpin-veth");
            assertThat(kubelet.get("runtimeRequestTimeout").asText()).isEqualTo("15m");
            assertThat(proxy.at("/conntrack/maxPerCore").isInt()).isTrue();
            assertThat(proxy.at("/conntrack/maxPerCore").asInt()).isZero();
            assertThat(proxy.at("/conntrack/tcpEstablishedTimeout").asText()).isEqualTo("0s");
            assertThat(proxy.at("/conntrack/tcpCloseWaitTimeout").asText()).isEqualTo("0s");
        }
    }

    @Test
    void from136TheDockerRuntimeTurnsExtendWebSocketsToKubeletOffInTheControlPlaneOnly() throws Exception {
        String gateOff = "{\"name\":\"feature-gates\",\"value\":\"ExtendWebSocketsToKubelet=false\"}";
        JsonNode docker136 = documents(KubeadmConfig.init(spec("v1.36.3", "docker"), NODE)).get(1);
        for (String component : List.of("apiServer", "controllerManager", "scheduler")) {
            assertThat(docker136.at("/" + component + "/extraArgs").toString()).contains(gateOff);
        }
        assertThat(KubeadmConfig.init(spec("v1.36.3", "docker"), NODE)).doesNotContain("featureGates:"); // not the kubelet's
        assertThat(KubeadmConfig.init(spec("v1.35.7", "docker"), NODE)).doesNotContain("ExtendWebSocketsToKubelet");
        assertThat(KubeadmConfig.init(spec("v1.36.3", "containerd"), NODE)).doesNotContain("ExtendWebSocketsToKubelet");
        // A script that sets the gate keeps its own value.
        KubernetesSpec own = new KubernetesSpec("v1.36.3", "docker", "kubeadm", "10.244.0.0/16", "10.96.0.0/12", "cluster.local",
                Map.of(), Map.of("ExtendWebSocketsToKubelet", true));
        assertThat(documents(KubeadmConfig.init(own, NODE)).get(1).at("/apiServer/extraArgs").toString())
                .contains("ExtendWebSocketsToKubelet=true").doesNotContain("ExtendWebSocketsToKubelet=false");
    }

    @Test
    void aMinorAloneMeansItsNewestPatchAndEachMinorHasItsPauseImage() {
        assertThat(KubernetesReleases.MINORS).containsExactly("v1.37", "v1.36", "v1.35", "v1.34", "v1.33", "v1.32", "v1.31");
        assertThat(KubernetesReleases.resolve("v1.36")).isEqualTo("v1.36.3");
        assertThat(KubernetesReleases.resolve("1.31")).isEqualTo("v1.31.14");
        assertThat(KubernetesReleases.resolve("v1.30")).isEqualTo("v1.30"); // not offered: left for validation to refuse
        assertThat(KubernetesReleases.resolve("v1.36.1")).isEqualTo("v1.36.1");
        assertThat(KubernetesReleases.DEFAULT_VERSION).isEqualTo("v1.37.0");
        assertThat(KubernetesReleases.pauseImage("v1.37.0", null)).isEqualTo("registry.k8s.io/pause:3.10.2");
        assertThat(KubernetesReleases.pauseImage("v1.35.2", null)).isEqualTo("registry.k8s.io/pause:3.10.1");
        assertThat(KubernetesReleases.pauseImage("v1.31.0", "mirror.example/k8s")).isEqualTo("mirror.example/k8s/pause:3.10");
        assertThat(KubeadmSettings.problems(spec("v1.30", "containerd"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("Kubernetes v1.30 is not supported"));
        assertThat(KubeadmSettings.problems(spec("v1.36.2", "containerd"))).isEmpty();
    }

    @Test
    void before131TheConfigIsV1beta3WithMapsForExtraArgs() throws Exception {
        List<JsonNode> docs = documents(KubeadmConfig.init(withOptions("v1.30.0"), NODE));
        assertThat(docs.get(0).get("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta3");
        assertThat(docs.get(1).get("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta3");
        assertThat(docs.get(0).at("/nodeRegistration/kubeletExtraArgs/max-pods").asText()).isEqualTo("150");
        assertThat(docs.get(1).at("/apiServer/extraArgs/v").asText()).isEqualTo("2");
    }

    @Test
    void eachRuntimeGetsItsCriSocket() throws Exception {
        assertThat(documents(KubeadmConfig.init(spec("v1.34.0", "docker"), NODE)).get(2).get("containerRuntimeEndpoint").asText())
                .isEqualTo("unix:///var/run/cri-dockerd.sock");
        assertThat(documents(KubeadmConfig.init(spec("v1.34.0", "cri-o"), NODE)).get(0).at("/nodeRegistration/criSocket").asText())
                .isEqualTo("unix:///var/run/crio/crio.sock");
    }

    @Test
    void theKindnetManifestParsesAndNamesEveryObject() throws Exception {
        List<JsonNode> docs = documents(Cni.kindnet("10.244.0.0/16"));
        assertThat(docs).hasSize(4).allSatisfy(d -> {
            assertThat(d.get("apiVersion").asText()).isNotBlank();
            assertThat(d.get("kind").asText()).isNotBlank();
            assertThat(d.at("/metadata/name").asText()).isEqualTo("kindnet");
        });
        assertThat(docs.get(3).toString()).contains("\"value\":\"10.244.0.0/16\"");
    }

    @Test
    void anImageRepositoryServesKubeadmsImagesAndTheRuntimesPauseImage() throws Exception {
        KubernetesSpec spec = withOptions("v1.34.0");
        assertThat(documents(KubeadmConfig.init(spec, NODE)).get(1).get("imageRepository").asText()).isEqualTo("registry.example:5000/k8s");
        assertThat(KubeadmBootstrapper.runtimeFiles(spec).get(dev.kubik.runtime.Containerd.CONFIG)).contains("sandbox_image = \"registry.example:5000/k8s/pause:3.10.1\"");
        assertThat(documents(KubeadmConfig.init(spec("v1.34.0", "containerd"), NODE)).get(1).has("imageRepository")).isFalse();
    }

    @Test
    void aSingleControlPlaneElectsNoLeaderSeveralDoAndKubeProxyMetricsAreOnTheNodesAddress() throws Exception {
        KubernetesSpec k8s = spec("v1.37.0", "containerd");
        JsonNode one = documents(KubeadmConfig.init(k8s, NODE)).get(1);
        JsonNode three = documents(KubeadmConfig.init(k8s, new KubeadmConfig.Node("dev", "dev", "192.168.49.2", List.of(), 3))).get(1);

        assertThat(one.at("/controllerManager/extraArgs").toString()).contains("{\"name\":\"leader-elect\",\"value\":\"false\"}");
        assertThat(one.at("/scheduler/extraArgs").toString()).contains("{\"name\":\"leader-elect\",\"value\":\"false\"}");
        assertThat(three.toString()).doesNotContain("leader-elect");
        assertThat(documents(KubeadmConfig.init(k8s, NODE)).get(3).at("/metricsBindAddress").asText()).isEqualTo("0.0.0.0:10249");

        KubernetesSpec own = new KubernetesSpec(k8s.version(), k8s.runtime(), k8s.bootstrapper(), k8s.podSubnet(), k8s.serviceSubnet(),
                k8s.dnsDomain(), Map.of("scheduler", Map.of("leader-elect", "true"), "kube-proxy", Map.of("metricsBindAddress", "127.0.0.1:10249")),
                Map.of(), Map.of(), null, null, 8443);
        List<JsonNode> docs = documents(KubeadmConfig.init(own, NODE));
        assertThat(docs.get(1).at("/scheduler/extraArgs").toString()).contains("{\"name\":\"leader-elect\",\"value\":\"true\"}")
                .doesNotContain("\"false\"");
        assertThat(docs.get(3).at("/metricsBindAddress").asText()).isEqualTo("127.0.0.1:10249");
        assertThat(KubeadmConfig.init(own, NODE)).containsOnlyOnce("metricsBindAddress");
    }
}
