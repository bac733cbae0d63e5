package dev.kubik.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * containerd with its CRI plugin: config.toml (version 2, containerd 1.6 and 1.7) with the systemd cgroup driver the
 * kubelet is configured with, the sandbox image, and registry hosts under certs.d, which containerd reads on every
 * pull (mirrors need no restart).
 */
public final class Containerd implements ContainerRuntime {
    public static final String CONFIG = "/etc/containerd/config.toml";
    public static final String HOSTS = "/etc/containerd/certs.d";

    @Override
    public String name() {
        return "containerd";
    }

    @Override
    public String unit() {
        return "containerd";
    }

    @Override
    public String criSocket() {
        return "unix:///run/containerd/containerd.sock";
    }

    @Override
    public List<String> restartOrder() {
        return List.of("containerd");
    }

    @Override
    public List<String> probe() {
        return List.of("ctr", "version");
    }

    @Override
    public List<String> imageImport() {
        return List.of("ctr", "--namespace", "k8s.io", "images", "import", "-");
    }

    @Override
    public List<String> imageList() {
        return List.of("ctr", "--namespace", "k8s.io", "images", "list", "--quiet");
    }

    @Override
    public List<String> pauseContainers(boolean pause, List<String> namespaces) {
        return pauseScript(pause ? "RUNNING" : "PAUSED", pause ? "pause" : "resume", namespaces);
    }

    @Override
    public List<String> pausedContainers(List<String> namespaces) {
        return pauseScript("PAUSED", "", namespaces);
    }

    private static List<String> pauseScript(String from, String verb, List<String> namespaces) {
        // The CRI's containers are containerd's in namespace k8s.io, labelled with their pod's namespace.
        return ContainerRuntimes.pauseScript("tasks=$(ctr -n k8s.io tasks ls | awk -v s=\"$from\" '$3 == s { print $1 }'); "
                        + "for ns; do ctr -n k8s.io containers ls -q \"labels.\\\"io.kubernetes.pod.namespace\\\"==$ns\"; done | "
                        + "while read -r id; do case \" $(echo $tasks) \" in *\" $id \"*) "
                        + "{ [ -z \"$verb\" ] || ctr -n k8s.io tasks \"$verb\" \"$id\"; } && echo \"$id\" ;; esac; done",
                from, verb, namespaces);
    }

    @Override
    public List<String> imageRemove(String reference) {
        return List.of("ctr", "--namespace", "k8s.io", "images", "remove", reference);
    }

    @Override
    public boolean canMirror(String registry) {
        return true;
    }

    @Override
    public Map<String, String> files(RuntimeSettings settings) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONFIG, config(settings.kubernetesVersion(), settings.pauseImage()));
        new TreeMap<>(settings.registryMirrors()).forEach((registry, mirrors) -> files.put(hostsFile(registry), hosts(registry, mirrors)));
        return files;
    }

    @Override
    public List<String> prunable() {
        return List.of(HOSTS + "/*/hosts.toml");
    }

    @Override
    public boolean needsRestart(String path) {
        return !path.startsWith(HOSTS + "/");
    }

    public static String hostsFile(String registry) {
        return HOSTS + "/" + registry + "/hosts.toml";
    }

    /** containerd's hosts.toml: the mirrors first, then the registry itself as the server to fall back to. */
    static String hosts(String registry, List<String> mirrors) {
        StringBuilder toml = new StringBuilder(RuntimeFiles.MARK).append(": mirrors for ").append(registry).append(".\n");
        toml.append("server = \"").append(registry.equals("docker.io") ? "https://registry-1.docker.io" : "https://" + registry).append("\"\n");
        for (String mirror : mirrors) {
            toml.append("\n[host.\"").append(mirror).append("\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
        }
        return toml.toString();
    }

    static String config(String kubernetesVersion, String pauseImage) {
        return """
                # Written by kubik for Kubernetes %1$s.
                version = 2

                [plugins."io.containerd.grpc.v1.cri"]
                  sandbox_image = "%2$s"

                  [plugins."io.containerd.grpc.v1.cri".containerd]
                    default_runtime_name = "runc"

                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                      runtime_type = "io.containerd.runc.v2"

                      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                        SystemdCgroup = true

                  [plugins."io.containerd.grpc.v1.cri".registry]
                    config_path = "/etc/containerd/certs.d"
                """.formatted(kubernetesVersion, pauseImage);
    }
}
