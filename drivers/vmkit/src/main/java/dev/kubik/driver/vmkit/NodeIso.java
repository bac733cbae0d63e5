package dev.kubik.driver.vmkit;

import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which node ISO a VM boots. {@code iso 'auto'} (the default) takes, in order: {@code KUBIK_NODE_ISO}; the ISO
 * scripts/build-node-iso.sh made (~/.kubik/cache/node-iso/kubik-node.iso); minikube's release ISO, fetched through
 * kubik's cache with its published sha256 (the default for connected users, as minikube's own). An explicit path
 * or an https URL (fetched the same way) overrides them.
 */
public final class NodeIso {
    /** minikube v1.37.0's ISO, as its download code names it; the digest is read from the .sha256 beside it. */
    public static final String MINIKUBE_VERSION = "v1.37.0";
    /** What build-node-iso.sh labels its image with (xorriso -V). */
    private static final String KUBIK_LABEL = "KUBIK";

    private NodeIso() {
    }

    public static Path resolve(String option, DriverContext context) {
        if (option.startsWith("https://") || option.startsWith("http://")) {
            String name = option.substring(option.lastIndexOf('/') + 1);
            return context.artifacts().fetch(URI.create(option), "iso/" + arch() + "/" + name, null);
        }
        if (!option.equals("auto")) return Path.of(option);
        String env = System.getenv("KUBIK_NODE_ISO");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path built = context.cache().resolve("node-iso/kubik-node.iso");
        if (Files.isRegularFile(built)) return built;
        String name = "minikube-" + MINIKUBE_VERSION + "-" + arch() + ".iso";
        try {
            return context.artifacts().fetch(URI.create("https://storage.googleapis.com/minikube/iso/" + name),
                    "iso/" + arch() + "/" + name, null);
        } catch (DriverException e) {
            throw new DriverException("no node ISO: none built here and minikube's could not be downloaded ("
                    + e.getMessage() + ")", "build one offline with scripts/build-node-iso.sh, or set options { iso "
                    + "'/path/to/kubik-node.iso' } or KUBIK_NODE_ISO", e);
        }
    }

    /**
     * Whether the ISO is kubik's: it prints the host keys to the serial console and takes its cluster address from
     * the kernel command line. minikube's does neither: its host key is pinned on first contact (over the loopback
     * forward) and it runs one node.
     */
    public static boolean isKubik(Path iso) {
        try (IsoImage image = IsoImage.open(iso)) {
            return image.volumeId().equals(KUBIK_LABEL);
        } catch (IOException e) {
            throw new DriverException(iso + " is not a node ISO: " + e.getMessage(), "build one with scripts/build-node-iso.sh");
        }
    }

    public static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }
}
