package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.SettingProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes settings kubeadm accepts beyond what it declares (its minors, runtimes and components, which the
 * language checks with suggestions): the version's form, what each runtime can mirror, a binaries directory.
 */
final class KubeadmSettings {
    private KubeadmSettings() {
    }

    static List<SettingProblem> problems(KubernetesSpec k8s) {
        List<SettingProblem> problems = new ArrayList<>();
        String minors = String.join(", ", KubernetesReleases.MINORS.stream().map(m -> m + ".x").toList())
                + ", or a minor alone for its newest patch (v1.36 is " + KubernetesReleases.resolve("v1.36") + ")";
        if (KubernetesReleases.minorOnly(k8s.version())) {
            problems.add(new SettingProblem("kubernetes.version", "Kubernetes " + k8s.version() + " is not supported", minors));
        } else if (!KubernetesReleases.wellFormed(k8s.version())) {
            problems.add(new SettingProblem("kubernetes.version", "'" + k8s.version() + "' is not a Kubernetes version", minors));
        } else if (!KubernetesReleases.supported(k8s.version())) {
            problems.add(new SettingProblem("kubernetes.version", "Kubernetes " + k8s.version() + " is not supported", minors));
        }
        if (ContainerRuntimes.names().contains(k8s.runtime())) {
            var runtime = ContainerRuntimes.of(k8s.runtime());
            for (String registry : k8s.registryMirrors().keySet()) {
                if (!runtime.canMirror(registry)) {
                    problems.add(new SettingProblem("kubernetes.registryMirrors." + registry, "the " + k8s.runtime()
                            + " runtime can mirror only docker.io, not " + registry,
                            "'docker.io': URL, or runtime 'containerd' or 'cri-o' to mirror other registries"));
                }
            }
        }
        binaries(k8s, problems);
        return problems;
    }

    /** A directory the script names must hold the three binaries: found now, not half-way through a run. */
    private static void binaries(KubernetesSpec k8s, List<SettingProblem> problems) {
        if (k8s.binaries() == null) return;
        Path dir = Path.of(k8s.binaries());
        if (!dir.isAbsolute() || !Files.isDirectory(dir)) {
            problems.add(new SettingProblem("kubernetes.binaries", "binaries '" + k8s.binaries() + "' is not a directory on this host",
                    "an absolute path to a directory holding kubeadm, kubelet and kubectl " + k8s.version()));
            return;
        }
        List<String> missing = KubeadmBinaries.NAMES.stream().filter(b -> !Files.isRegularFile(dir.resolve(b))).toList();
        if (!missing.isEmpty()) {
            problems.add(new SettingProblem("kubernetes.binaries", k8s.binaries() + " lacks " + String.join(", ", missing),
                    "a directory holding kubeadm, kubelet and kubectl " + k8s.version() + " for linux"));
        }
    }
}
