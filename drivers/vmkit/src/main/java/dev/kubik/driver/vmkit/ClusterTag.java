package dev.kubik.driver.vmkit;

import dev.kubik.spi.DriverContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which cluster a VM's directory belongs to: a file {@code DRIVER.cluster} in it, named for the driver so that
 * another VM driver's machines are never taken for ours. It lets a driver find a cluster's machines without
 * kubik's state, a creation interrupted before the engine recorded it included.
 */
public final class ClusterTag {
    private ClusterTag() {
    }

    public static void write(Path machineDir, String driver, String cluster) throws IOException {
        Files.writeString(file(machineDir, driver), cluster + "\n");
    }

    public static Optional<String> read(Path machineDir, String driver) {
        try {
            Path tag = file(machineDir, driver);
            return Files.isRegularFile(tag) ? Optional.of(Files.readString(tag).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names of the machine directories this driver tagged with {@code cluster}. */
    public static List<String> machinesOf(DriverContext context, String driver, String cluster) {
        Path root = context.machinesDir();
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> read(d, driver).filter(cluster::equals).isPresent())
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(Path machineDir, String driver) {
        return machineDir.resolve(driver + ".cluster");
    }
}
