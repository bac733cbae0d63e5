package dev.kubik.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** dockerd behind cri-dockerd (the kubelet speaks CRI, dockerd does not): minikube's default runtime. */
public final class DockerEngine implements ContainerRuntime {
    public static final String DAEMON_JSON = "/etc/docker/daemon.json";
    public static final String CRI_DOCKERD_DROP_IN = "/etc/systemd/system/cri-docker.service.d/10-kubik.conf";

    /** Whether cri-dockerd stands in front of dockerd (for a kubelet), or dockerd is all there is. */
    private final boolean behindCri;

    public DockerEngine() {
        this(true);
    }

    private DockerEngine(boolean behindCri) {
        this.behindCri = behindCri;
    }

    @Override
    public String name() {
        return "docker";
    }

    /** Without a kubelet there is no CRI client, so no cri-dockerd: dockerd is the unit, its socket the endpoint. */
    @Override
    public ContainerRuntime withoutKubernetes() {
        return new DockerEngine(false);
    }

    @Override
    public String unit() {
        return behindCri ? "cri-docker" : "docker";
    }

    @Override
    public String criSocket() {
        return behindCri ? "unix:///var/run/cri-dockerd.sock" : "unix:///var/run/docker.sock";
    }

    @Override
    public List<String> restartOrder() {
        return behindCri ? List.of("docker", "cri-docker") : List.of("docker");
    }

    @Override
    public List<String> probe() {
        return List.of("docker", "version");
    }

    @Override
    public List<String> imageImport() {
        return List.of("docker", "load");
    }

    @Override
    public List<String> imageList() {
        return List.of("docker", "images", "--format", "{{.Repository}}:{{.Tag}}");
    }

    @Override
    public List<String> pauseContainers(boolean pause, List<String> namespaces) {
        return pauseScript(pause ? "running" : "paused", pause ? "pause" : "unpause", namespaces);
    }

    @Override
    public List<String> pausedContainers(List<String> namespaces) {
        return pauseScript("paused", "", namespaces);
    }

    private static List<String> pauseScript(String from, String verb, List<String> namespaces) {
        // cri-dockerd's containers carry their pod's namespace as a docker label.
        return ContainerRuntimes.pauseScript("for ns; do docker ps -q --no-trunc --filter \"label=io.kubernetes.pod.namespace=$ns\" "
                        + "--filter \"status=$from\"; done | while read -r id; do { [ -z \"$verb\" ] || docker \"$verb\" \"$id\" >/dev/null; } "
                        + "&& echo \"$id\"; done",
                from, verb, namespaces);
    }

    @Override
    public List<String> imageRemove(String reference) {
        return List.of("docker", "rmi", reference);
    }

    /** dockerd's registry-mirrors stand in for Docker Hub only. */
    @Override
    public boolean canMirror(String registry) {
        return registry.equals("docker.io");
    }

    @Override
    public Map<String, String> files(RuntimeSettings settings) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(DAEMON_JSON, daemonJson(settings.registryMirrors().getOrDefault("docker.io", List.of())));
        files.put(CRI_DOCKERD_DROP_IN, """
                %s for Kubernetes %s: cri-dockerd with kubeadm's sandbox image and CNI networking.
                [Unit]
                Wants=docker.socket

                [Service]
                ExecStart=
                ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=%s --network-plugin=cni --hairpin-mode=hairpin-veth
                """.formatted(RuntimeFiles.MARK, settings.kubernetesVersion(), settings.pauseImage()));
        return files;
    }

    @Override
    public List<String> prunable() {
        return List.of();
    }

    @Override
    public boolean needsRestart(String path) {
        return true;
    }

    /** dockerd's daemon.json: systemd cgroups as the kubelet expects, bounded logs, Docker Hub mirrors. */
    public static String daemonJson(List<String> mirrors) {
        Map<String, Object> daemon = new LinkedHashMap<>();
        daemon.put("exec-opts", List.of("native.cgroupdriver=systemd"));
        daemon.put("log-driver", "json-file");
        daemon.put("log-opts", Map.of("max-size", "100m"));
        daemon.put("storage-driver", "overlay2");
        if (!mirrors.isEmpty()) {
            daemon.put("registry-mirrors", mirrors);
            List<String> insecure = mirrors.stream().filter(m -> m.startsWith("http://"))
                    .map(m -> m.replaceFirst("^http://", "").replaceAll("/.*$", "")).toList();
            if (!insecure.isEmpty()) daemon.put("insecure-registries", insecure);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(daemon) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
