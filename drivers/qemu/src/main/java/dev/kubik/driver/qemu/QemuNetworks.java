package dev.kubik.driver.qemu;

import dev.kubik.spi.ClusterNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A cluster's private network: a qemu multicast socket on 127.0.0.1 (a hub every node of the cluster joins, so
 * nodes see each other, which minikube's builtin qemu network cannot do) with a /24 of fixed addresses, the
 * primary at .2. One file per cluster, under a lock, records its slot k: subnet 192.168.(105+k).0/24, UDP port
 * 41000+k. Traffic never leaves the loopback interface.
 */
final class QemuNetworks {
    static final String GROUP = "230.0.0.1";
    private static final int FIRST_OCTET = 105;
    private static final int FIRST_PORT = 41000;
    private static final int SLOTS = 100;

    private QemuNetworks() {
    }

    record Slot(int k) {
        String subnet() {
            return "192.168." + (FIRST_OCTET + k) + ".0/24";
        }

        String address(int index) {
            return "192.168." + (FIRST_OCTET + k) + "." + (2 + index);
        }

        int port() {
            return FIRST_PORT + k;
        }
    }

    static Path dir(Path home) {
        return home.resolve("networks");
    }

    private static Path file(Path home, String cluster) {
        return dir(home).resolve("qemu-" + cluster);
    }

    /** @param home kubik's home, whose networks directory holds one slot file per cluster */
    static synchronized Slot ensure(Path home, String cluster) {
        Path dir = dir(home);
        Path file = file(home, cluster);
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lock.lock()) {
                if (Files.exists(file)) return new Slot(Integer.parseInt(Files.readString(file).strip()));
                Set<Integer> used = new HashSet<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith("qemu-")).toList()) {
                        used.add(Integer.parseInt(Files.readString(f).strip()));
                    }
                }
                for (int k = 0; k < SLOTS; k++) {
                    if (!used.contains(k)) {
                        Files.writeString(file, k + "\n");
                        return new Slot(k);
                    }
                }
                throw new IllegalStateException("all " + SLOTS + " qemu cluster networks are in use");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate a network for " + cluster + ": " + e.getMessage(), e);
        }
    }

    static ClusterNetwork describe(String cluster, Slot slot) {
        String prefix = slot.subnet().substring(0, slot.subnet().lastIndexOf('.'));
        return new ClusterNetwork("qemu-" + cluster, slot.subnet(), prefix + ".1");
    }

    static void remove(Path home, String cluster) {
        try {
            Files.deleteIfExists(file(home, cluster));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
