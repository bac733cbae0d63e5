package dev.kubik.driver.vmkit;

import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which ISO a VM boots, and how a foreign one (minikube's) is told from kubik's. */
class NodeIsoTest {
    @TempDir
    Path home;
    final List<String> fetched = new ArrayList<>();

    /** A context whose downloads land in the cache as the engine's would, recording what was asked. */
    DriverContext context(boolean online) {
        return new DriverContext(home, (url, path, sha256) -> {
            fetched.add(url + " -> " + path + (sha256 == null ? " (published sha256)" : ""));
            if (!online) throw new DriverException("cannot download " + url + ": offline", null);
            try {
                Path file = home.resolve("cache").resolve(path);
                Files.createDirectories(file.getParent());
                return Files.writeString(file, "iso");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, HostCommands.LOCAL, Reporter.SILENT);
    }

    @Test
    void autoTakesTheIsoBuiltHereElseMinikubesReleaseThroughKubiksCache() throws Exception {
        assumeTrue(System.getenv("KUBIK_NODE_ISO") == null, "KUBIK_NODE_ISO overrides auto");
        String arch = NodeIso.arch();

        Path minikube = NodeIso.resolve("auto", context(true));
        assertThat(fetched).containsExactly("https://storage.googleapis.com/minikube/iso/minikube-v1.37.0-" + arch
                + ".iso -> iso/" + arch + "/minikube-v1.37.0-" + arch + ".iso (published sha256)");
        assertThat(minikube).isEqualTo(home.resolve("cache/iso/" + arch + "/minikube-v1.37.0-" + arch + ".iso"));

        Path built = home.resolve("cache/node-iso/kubik-node.iso");
        Files.createDirectories(built.getParent());
        Files.writeString(built, "iso");
        fetched.clear();
        assertThat(NodeIso.resolve("auto", context(true))).isEqualTo(built);
        assertThat(fetched).isEmpty();
    }

    @Test
    void aPathIsTakenAsItIsAndAUrlIsFetchedIntoTheCache() {
        assertThat(NodeIso.resolve("/srv/isos/node.iso", context(false))).isEqualTo(Path.of("/srv/isos/node.iso"));
        assertThat(NodeIso.resolve("https://mirror.example/isos/custom.iso", context(true)))
                .isEqualTo(home.resolve("cache/iso/" + NodeIso.arch() + "/custom.iso"));
    }

    @Test
    void offlineWithNoIsoSaysHowToBuildOne() {
        assumeTrue(System.getenv("KUBIK_NODE_ISO") == null, "KUBIK_NODE_ISO overrides auto");
        assertThatThrownBy(() -> NodeIso.resolve("auto", context(false)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("no node ISO: none built here and minikube's could not be downloaded")
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("scripts/build-node-iso.sh"));
    }

    @Test
    void kubiksIsoIsToldFromAForeignOneByItsLabel(@TempDir Path dir) throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v xorriso").start().waitFor() == 0,
                "xorriso is not installed (scripts/setup.sh --vm)");
        Files.createDirectories(dir.resolve("tree/boot"));
        Files.writeString(dir.resolve("tree/boot/initrd"), "initrd");
        assertThat(NodeIso.isKubik(iso(dir, "KUBIK"))).isTrue();
        assertThat(NodeIso.isKubik(iso(dir, "Minikube"))).isFalse();
        assertThatThrownBy(() -> NodeIso.isKubik(dir.resolve("tree/boot/initrd"))).isInstanceOf(DriverException.class)
                .hasMessageContaining("is not a node ISO");
    }

    private static Path iso(Path dir, String label) throws Exception {
        Path iso = dir.resolve(label + ".iso");
        Process xorriso = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(), "-V", label,
                dir.resolve("tree").toString()).redirectErrorStream(true).start();
        xorriso.getInputStream().readAllBytes();
        assertThat(xorriso.waitFor()).isZero();
        return iso;
    }
}
