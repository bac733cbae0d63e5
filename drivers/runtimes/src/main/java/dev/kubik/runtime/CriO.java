package dev.kubik.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CRI-O with systemd cgroups and the sandbox image in a drop-in, mirrors in containers-registries.conf(5) v2.
 * podman shares CRI-O's image store (/var/lib/containers/storage), so what podman loads the kubelet sees.
 */
public final class CriO implements ContainerRuntime {
    public static final String DROP_IN = "/etc/crio/crio.conf.d/02-kubik.conf";
    public static final String MIRRORS = "/etc/containers/registries.conf.d/50-kubik-mirrors.conf";

    @Override
    public String name() {
        return "cri-o";
    }

    @Override
    public String unit() {
        return "crio";
    }

    @Override
    public String criSocket() {
        return "unix:///var/run/crio/crio.sock";
    }

    @Override
    public List<String> restartOrder() {
        return List.of("crio");
    }

    @Override
    public List<String> probe() {
        return List.of("crictl", "--runtime-endpoint", criSocket(), "version");
    }

    @Override
    public List<String> imageImport() {
        return List.of("podman", "load");
    }

    @Override
    public List<String> imageList() {
        return List.of("podman", "images", "--format", "{{.Repository}}:{{.Tag}}");
    }

    @Override
    public List<String> pauseContainers(boolean pause, List<String> namespaces) {
        return pauseScript(pause ? "running" : "paused", pause ? "pause" : "resume", namespaces);
    }

    @Override
    public List<String> pausedContainers(List<String> namespaces) {
        return pauseScript("paused", "", namespaces);
    }

    private static List<String> pauseScript(String from, String verb, List<String> namespaces) {
        // CRI-O's containers are runc's (root /run/runc); crictl names them by pod namespace, runc freezes them.
        return ContainerRuntimes.pauseScript("states=$(runc --root /run/runc list | awk -v s=\"$from\" '$3 == s { print $1 }'); "
                        + "for ns; do crictl ps -q --namespace \"$ns\"; done | while read -r id; do "
                        + "for full in $states; do case $full in \"$id\"*) { [ -z \"$verb\" ] || runc --root /run/runc \"$verb\" \"$full\"; } "
                        + "&& echo \"$full\" ;; esac; done; done",
                from, verb, namespaces);
    }

    @Override
    public List<String> imageRemove(String reference) {
        return List.of("podman", "rmi", reference);
    }

    @Override
    public boolean canMirror(String registry) {
        return true;
    }

    @Override
    public Map<String, String> files(RuntimeSettings settings) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(DROP_IN, """
                %s for Kubernetes %s.
                [crio.image]
                pause_image = "%s"

                [crio.runtime]
                cgroup_manager = "systemd"
                conmon_cgroup = "pod"
                """.formatted(RuntimeFiles.MARK, settings.kubernetesVersion(), settings.pauseImage()));
        if (!settings.registryMirrors().isEmpty()) files.put(MIRRORS, mirrors(settings.registryMirrors()));
        return files;
    }

    @Override
    public List<String> prunable() {
        return List.of(MIRRORS);
    }

    @Override
    public boolean needsRestart(String path) {
        return true;
    }

    /** containers-registries.conf(5) v2, which CRI-O reads: each registry with its mirrors, plain-HTTP ones insecure. */
    static String mirrors(Map<String, List<String>> registries) {
        StringBuilder toml = new StringBuilder(RuntimeFiles.MARK).append(": registry mirrors.\n");
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
}
