package dev.kubik.bootstrapper.kubeadm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each runtime's configuration files against golden files (checked against containerd's hosts.toml and CRI config
 * v2, containers-registries.conf(5) v2 and CRI-O's crio.conf(5), dockerd's daemon.json reference and cri-dockerd's
 * flags), and how prepareRuntime writes, prunes and restarts. Regenerate with -Dkubik.updateGolden=true.
 */
class RuntimeFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/runtime");
    private static final Map<String, List<String>> MIRRORS = Map.of(
            "docker.io", List.of("https://mirror.example:5000", "http://10.0.0.5:5000/cache"),
            "quay.io", List.of("https://quay-mirror.example"));
    @TempDir
    Path cache;

    static KubernetesSpec spec(String runtime, Map<String, List<String>> mirrors) {
        return new KubernetesSpec("v1.34.0", runtime, "kubeadm", "10.244.0.0/16", "10.96.0.0/12", "cluster.local",
                Map.of(), Map.of(), mirrors, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"containerd", "docker", "cri-o"})
    void matchesGolden(String runtime) throws Exception {
        Map<String, List<String>> mirrors = runtime.equals("docker") ? Map.of("docker.io", MIRRORS.get("docker.io")) : MIRRORS;
        StringBuilder rendered = new StringBuilder();
        KubeadmBootstrapper.runtimeFiles(spec(runtime, new java.util.TreeMap<>(mirrors))).forEach((path, content) ->
                rendered.append("# ==> ").append(path).append('\n').append(content));
        Path golden = GOLDEN.resolve(runtime + "-mirrors.txt");
        if (Boolean.getBoolean("kubik.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered);
        }
        assertThat(rendered.toString()).isEqualTo(Files.readString(golden));
    }

    @Test
    void dockerDaemonJsonIsJsonWithSystemdCgroupsAndInsecureOnlyForPlainHttpMirrors() throws Exception {
        JsonNode daemon = new ObjectMapper().readTree(dev.kubik.runtime.DockerEngine.daemonJson(MIRRORS.get("docker.io")));
        assertThat(daemon.at("/exec-opts/0").asText()).isEqualTo("native.cgroupdriver=systemd");
        assertThat(daemon.get("registry-mirrors")).hasSize(2);
        assertThat(daemon.get("insecure-registries").toString()).isEqualTo("[\"10.0.0.5:5000\"]");
        assertThat(new ObjectMapper().readTree(dev.kubik.runtime.DockerEngine.daemonJson(List.of())).has("registry-mirrors")).isFalse();
    }

    NodeContext node(KubernetesSpec k8s, RecordingRunner runner) {
        return new NodeContext("dev", "dev", "control-plane", "192.168.49.2", k8s, runner, Reporter.SILENT, cache);
    }

    @Test
    void containerdMirrorsNeedNoRestartAndStaleOnesKubikWroteArePruned() {
        RecordingRunner first = new RecordingRunner();
        new KubeadmBootstrapper().prepareRuntime(node(spec("containerd", Map.of("docker.io", List.of("http://127.0.0.1:5000"))), first));
        assertThat(first.files.get("/etc/containerd/certs.d/docker.io/hosts.toml"))
                .contains("server = \"https://registry-1.docker.io\"").contains("[host.\"http://127.0.0.1:5000\"]");
        assertThat(first.log.get(first.indexOf("keep="))).endsWith("/etc/containerd/certs.d/docker.io/hosts.toml /etc/crictl.yaml");

        // The config is as wanted; only a mirror changed, and an old one was removed: containerd keeps running.
        Map<String, String> files = KubeadmBootstrapper.runtimeFiles(spec("containerd", Map.of()));
        String sums = files.entrySet().stream().map(f -> dev.kubik.runtime.RuntimeFiles.sha256(f.getValue().getBytes()) + "  " + f.getKey())
                .reduce("", (a, b) -> a + b + "\n");
        RecordingRunner second = new RecordingRunner().answer("sha256sum", new CommandResult(0, sums, ""))
                .answer("keep=", new CommandResult(0, "/etc/containerd/certs.d/docker.io/hosts.toml\n", ""));
        new KubeadmBootstrapper().prepareRuntime(node(spec("containerd", Map.of()), second));
        assertThat(second.log).noneMatch(l -> l.contains("systemctl restart") || l.startsWith("write "));
    }

    @Test
    void criORestartsWhenItsMirrorsFileIsRemovedAndDockerRestartsDockerThenCriDockerd() {
        RecordingRunner crio = new RecordingRunner()
                .answer("keep=", new CommandResult(0, dev.kubik.runtime.CriO.MIRRORS + "\n", ""));
        new KubeadmBootstrapper().prepareRuntime(node(spec("cri-o", Map.of()), crio));
        assertThat(crio.indexOf("systemctl restart crio")).isGreaterThan(crio.indexOf("keep="));

        RecordingRunner docker = new RecordingRunner();
        new KubeadmBootstrapper().prepareRuntime(node(spec("docker", Map.of("docker.io", List.of("https://m.example"))), docker));
        assertThat(docker.files).containsKeys("/etc/docker/daemon.json", "/etc/systemd/system/cri-docker.service.d/10-kubik.conf");
        int reload = docker.indexOf("systemctl daemon-reload");
        int dockerd = docker.indexOf("systemctl restart docker");
        int criDockerd = docker.indexOf("systemctl restart cri-docker");
        assertThat(reload).isLessThan(dockerd);
        assertThat(dockerd).isLessThan(criDockerd);
        assertThat(docker.files.get("/etc/crictl.yaml")).contains("unix:///var/run/cri-dockerd.sock");
    }
}
