package dev.kubik.bootstrapper.kubeadm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubik.spi.ContainerRuntimes;
import dev.kubik.spi.KubernetesSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files that configure a node's container runtime for the kubelet: the systemd cgroup driver, kubeadm's sandbox
 * image for the version, crictl's endpoint, and the script's registry mirrors, for each runtime in its own format.
 * Mirror URLs and registry names reach these files only after validation (a fixed character set).
 */
final class RuntimeFiles {
    static final String CRICTL = "/etc/crictl.yaml";
    static final String CONTAINERD_HOSTS = "/etc/containerd/certs.d";
    static final String DOCKER_DAEMON = "/etc/docker/daemon.json";
    static final String CRI_DOCKERD_DROP_IN = "/etc/systemd/system/cri-docker.service.d/10-kubik.conf";
    static final String CRIO_DROP_IN = "/etc/crio/crio.conf.d/02-kubik.conf";
    static final String CRIO_MIRRORS = "/etc/containers/registries.conf.d/50-kubik-mirrors.conf";
    /** First line of every registry file kubik writes, so stale ones can be told from the user's own. */
    static final String MARK = "# Written by kubik";

    private RuntimeFiles() {
    }

    /** Every runtime file for the node, path to content, in the order they are written. */
    static Map<String, String> render(KubernetesSpec k8s) {
        Map<String, String> files = new LinkedHashMap<>();
        String pause = KubernetesReleases.pauseImage(k8s.version(), k8s.imageRepository());
        switch (k8s.runtime()) {
            case "containerd" -> {
                files.put(ContainerdConfig.PATH, ContainerdConfig.render(k8s.version(), pause));
                new TreeMap<>(k8s.registryMirrors()).forEach((registry, mirrors) -> files.put(containerdHosts(registry), containerdHosts(registry, mirrors)));
            }
            case "docker" -> {
                files.put(DOCKER_DAEMON, dockerDaemon(k8s.registryMirrors().getOrDefault("docker.io", List.of())));
                files.put(CRI_DOCKERD_DROP_IN, """
                        %s for Kubernetes %s: cri-dockerd with kubeadm's sandbox image and CNI networking.
                        [Unit]
                        Wants=docker.socket

                        [Service]
                        ExecStart=
                        ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=%s --network-plugin=cni --hairpin-mode=hairpin-veth
                        """.formatted(MARK, k8s.version(), pause));
            }
            case "cri-o" -> {
                files.put(CRIO_DROP_IN, """
                        %s for Kubernetes %s.
                        [crio.image]
                        pause_image = "%s"

                        [crio.runtime]
                        cgroup_manager = "systemd"
                        conmon_cgroup = "pod"
                        """.formatted(MARK, k8s.version(), pause));
                if (!k8s.registryMirrors().isEmpty()) files.put(CRIO_MIRRORS, crioMirrors(k8s.registryMirrors()));
            }
            default -> throw new IllegalArgumentException("no runtime configuration for " + k8s.runtime());
        }
        String socket = ContainerRuntimes.criSocket(k8s.runtime());
        files.put(CRICTL, "runtime-endpoint: " + socket + "\nimage-endpoint: " + socket + "\n");
        return files;
    }

    /** The systemd units to restart, in order, when the runtime's files changed. */
    static List<String> units(String runtime) {
        return switch (runtime) {
            case "containerd" -> List.of("containerd");
            case "docker" -> List.of("docker", "cri-docker");
            case "cri-o" -> List.of("crio");
            default -> List.of();
        };
    }

    /**
     * Whether a change to this file needs the runtime restarted: containerd reads certs.d on every pull, so
     * mirrors alone do not; crictl's file is read per call.
     */
    static boolean needsRestart(String path) {
        return !path.startsWith(CONTAINERD_HOSTS + "/") && !path.equals(CRICTL);
    }

    static String containerdHosts(String registry) {
        return CONTAINERD_HOSTS + "/" + registry + "/hosts.toml";
    }

    /** containerd's hosts.toml: the mirrors first, then the registry itself as the server to fall back to. */
    static String containerdHosts(String registry, List<String> mirrors) {
        StringBuilder toml = new StringBuilder(MARK).append(": mirrors for ").append(registry).append(".\n");
        toml.append("server = \"").append(registry.equals("docker.io") ? "https://registry-1.docker.io" : "https://" + registry).append("\"\n");
        for (String mirror : mirrors) {
            toml.append("\n[host.\"").append(mirror).append("\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
        }
        return toml.toString();
    }

    /** containers-registries.conf(5) v2, which CRI-O reads: each registry with its mirrors, plain-HTTP ones insecure. */
    static String crioMirrors(Map<String, List<String>> registries) {
        StringBuilder toml = new StringBuilder(MARK).append(": registry mirrors.\n");
        // Sorted: the same script must give the same bytes, or every run would restart CRI-O.
        new TreeMap<>(registries).forEach((registry, mirrors) -> {
            toml.append("\n[[registry]]\nprefix = \"").append(registry).append("\"\nlocation = \"").append(registry).append("\"\n");
            for (String mirror : mirrors) {
                boolean plain = mirror.startsWith("http://");
                toml.append("\n[[registry.mirror]]\nlocation = \"").append(mirror.replaceFirst("^https?://", "").replaceAll("/$", "")).append("\"\n");
                if (plain) toml.append("insecure = true\n");
            }
        });
        return toml.toString();
    }

    /** dockerd's daemon.json: systemd cgroups as the kubelet expects, bounded logs, Docker Hub mirrors. */
    static String dockerDaemon(List<String> mirrors) {
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
