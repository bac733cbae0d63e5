package dev.kubik.engine.exec;

import dev.kubik.engine.artifacts.ArtifactCache;
import dev.kubik.spi.DriverException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * kubeadm, kubelet and kubectl for a version, in the host cache ({@code cache/linux/<arch>/<version>/}, minikube's
 * layout), from the official release URLs or {@code KUBIK_MIRROR}, checked against their published sha256. The
 * bootstrapper copies them into nodes that lack them.
 */
final class KubernetesBinaries {
    private static final List<String> BINARIES = List.of("kubeadm", "kubelet", "kubectl");
    private final Path cache;
    /** Made on first use: an HTTP client costs start-up time that runs without Kubernetes should not pay. */
    private ArtifactCache artifacts;

    KubernetesBinaries(Path cache) {
        this.cache = cache;
    }

    /** Fetches what is missing; says so and carries on when it cannot (the bootstrapper then explains). */
    synchronized void fetch(String version, Events events) {
        String arch = arch();
        for (String binary : BINARIES) {
            String relative = "linux/" + arch + "/" + version + "/" + binary;
            if (Files.isRegularFile(cache.resolve(relative))) continue;
            URI url = URI.create("https://dl.k8s.io/release/" + version + "/bin/linux/" + arch + "/" + binary);
            if (artifacts == null) artifacts = ArtifactCache.forHome(cache);
            try {
                artifacts.fetch(url, relative, null, events::download).toFile().setExecutable(true);
            } catch (DriverException e) {
                events.warn("could not download " + binary + " " + version + ": " + e.getMessage());
                return;
            }
        }
    }

    static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }
}
