package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Preloads: a tarball of a runtime's image store for a Kubernetes version (minikube's format), extracted into a
 * node's /var before kubeadm runs, so the control-plane images need no registry. Fetched once into the shared
 * cache where a source publishes it with a sha256 ({@code KUBIK_MIRROR} for air-gapped hosts), decompressed on the
 * host and streamed into the node's own tar through the driver's local channel where it has one, once per node.
 */
final class Preloads {
    private static final String BASE = "https://storage.googleapis.com/minikube-preloaded-volume-tarballs/v18/";
    static final String MARKER = "/var/lib/kubik/preloaded";

    private Preloads() {
    }

    /** Into the node, when a preload for its version and runtime can be had; else images are pulled. */
    static void install(NodeContext node) {
        fetch(node).ifPresent(tarball -> apply(tarball, node));
    }

    /** The preload for the node's version and runtime, fetched if missing; empty (said) when none can be had. */
    static Optional<Path> fetch(NodeContext node) {
        String version = node.kubernetesVersion();
        String name = Preload.fileName(version, node.runtime(), KubeadmBinaries.arch());
        Path cached = node.hostCache().resolve("preloaded-tarball").resolve(name);
        if (Files.isRegularFile(cached)) return Optional.of(cached);
        try {
            return Optional.of(node.artifacts().fetch(URI.create(BASE + version + "/" + name), "preloaded-tarball/" + name, null));
        } catch (DriverException e) {
            // Said once per run however many nodes ask: the engine's reporter drops repeats.
            node.reporter().info("No preload for Kubernetes " + version + " with " + node.runtime() + " ("
                    + e.getMessage() + "); images will be pulled");
            return Optional.empty();
        }
    }

    /** Extracts the preload into the node's /var with its runtime stopped, unless this one is there already. */
    static void apply(Path tarball, NodeContext node) {
        String name = tarball.getFileName().toString();
        CommandResult marker = node.runner().run(List.of("sudo", "cat", MARKER), Duration.ofSeconds(30));
        if (marker.ok() && marker.stdout().strip().equals(name)) return;
        long started = System.nanoTime();
        String unit = ContainerRuntimes.of(node.runtime()).unit();
        check(node, node.runner().run(List.of("sudo", "systemctl", "stop", unit), Duration.ofMinutes(1)), "stopping " + unit);
        CommandResult extract;
        try (InputStream tar = Preload.tarStream(tarball)) {
            extract = node.bulk().run(List.of("sudo", "tar", "--xattrs", "--xattrs-include", "security.capability",
                    "-C", "/var", "-xf", "-"), tar, Duration.ofMinutes(15));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the preload " + tarball + ": " + e.getMessage(), e);
        }
        check(node, extract, "extracting the preload");
        node.runner().writeFile(MARKER, (name + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        check(node, node.runner().run(List.of("sudo", "systemctl", "start", unit), Duration.ofMinutes(1)), "starting " + unit);
        ContainerRuntimes.start(node);
        node.reporter().info(String.format("Preloaded images into %s (%.1f s)", node.name(), (System.nanoTime() - started) / 1e9));
    }

    private static void check(NodeContext node, CommandResult result, String what) {
        if (!result.ok()) {
            throw new DriverException(what + " on " + node.name() + " failed (exit " + result.exitStatus() + "): "
                    + result.stderr().strip(), "remove the preload from " + node.hostCache().resolve("preloaded-tarball")
                    + " to pull images instead");
        }
    }
}
