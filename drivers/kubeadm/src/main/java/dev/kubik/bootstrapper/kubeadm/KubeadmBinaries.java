package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * kubeadm, kubelet and kubectl for a version, in the host cache ({@code cache/linux/<arch>/<version>/}, minikube's
 * layout), from the official release URLs (or {@code KUBIK_MIRROR}) through kubik's download cache, checked against
 * their published sha256. {@link KubeadmBootstrapper#ensureBinaries} copies them into nodes that lack them.
 */
final class KubeadmBinaries {
    static final List<String> NAMES = List.of("kubeadm", "kubelet", "kubectl");

    private KubeadmBinaries() {
    }

    /** Fetches what is missing; says so and carries on when it cannot (ensureBinaries then explains). */
    static void fetch(NodeContext node) {
        String version = node.kubernetesVersion();
        for (String binary : NAMES) {
            String relative = "linux/" + arch() + "/" + version + "/" + binary;
            if (Files.isRegularFile(node.hostCache().resolve(relative))) continue;
            URI url = URI.create("https://dl.k8s.io/release/" + version + "/bin/linux/" + arch() + "/" + binary);
            try {
                node.artifacts().fetch(url, relative, null).toFile().setExecutable(true);
            } catch (DriverException e) {
                node.reporter().warn("could not download " + binary + " " + version + ": " + e.getMessage());
                return;
            }
        }
    }

    /** {@code <cache>/linux/<arch>/<version>}. */
    static Path inCache(Path cache, String version) {
        return cache.resolve("linux").resolve(arch()).resolve(version);
    }

    static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }
}
