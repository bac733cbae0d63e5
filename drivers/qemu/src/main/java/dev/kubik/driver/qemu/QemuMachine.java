package dev.kubik.driver.qemu;

import dev.kubik.spi.KubikPaths;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * One VM's directory and the driver's record of it (machine.properties): everything needed to boot it again,
 * so the driver keeps nothing in memory between calls. Lives in ~/.kubik/machines/NAME with the disk, the serial
 * log, the QMP socket and the pid file.
 */
record QemuMachine(String name, String cluster, int index, int cpus, long memoryMiB, long diskMiB, String mac,
                   String clusterIp, int sshPort, int apiPort, int clusterPort, String kernel, String initrd,
                   String accel) {
    static final String DRIVER = "qemu";

    static Path dir(String name) {
        return KubikPaths.machine(name);
    }

    Path dir() {
        return dir(name);
    }

    Path disk() {
        return dir().resolve("disk.raw");
    }

    Path serialLog() {
        return dir().resolve("serial.log");
    }

    Path qmpSocket() {
        return dir().resolve("qmp.sock");
    }

    Path pidFile() {
        return dir().resolve("qemu.pid");
    }

    Path stderrLog() {
        return dir().resolve("qemu.log");
    }

    static Optional<QemuMachine> load(String name) {
        Path file = dir(name).resolve("machine.properties");
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!DRIVER.equals(p.getProperty("driver"))) return Optional.empty();
        return Optional.of(new QemuMachine(name, p.getProperty("cluster"), Integer.parseInt(p.getProperty("index")),
                Integer.parseInt(p.getProperty("cpus")), Long.parseLong(p.getProperty("memoryMiB")),
                Long.parseLong(p.getProperty("diskMiB")), p.getProperty("mac"), p.getProperty("clusterIp"),
                Integer.parseInt(p.getProperty("sshPort")), Integer.parseInt(p.getProperty("apiPort")),
                Integer.parseInt(p.getProperty("clusterPort")), p.getProperty("kernel"), p.getProperty("initrd"),
                p.getProperty("accel")));
    }

    void save() {
        Properties p = new Properties();
        p.setProperty("driver", DRIVER);
        p.setProperty("cluster", cluster);
        p.setProperty("index", String.valueOf(index));
        p.setProperty("cpus", String.valueOf(cpus));
        p.setProperty("memoryMiB", String.valueOf(memoryMiB));
        p.setProperty("diskMiB", String.valueOf(diskMiB));
        p.setProperty("mac", mac);
        p.setProperty("clusterIp", clusterIp);
        p.setProperty("sshPort", String.valueOf(sshPort));
        p.setProperty("apiPort", String.valueOf(apiPort));
        p.setProperty("clusterPort", String.valueOf(clusterPort));
        p.setProperty("kernel", kernel);
        p.setProperty("initrd", initrd);
        p.setProperty("accel", accel);
        Path file = dir().resolve("machine.properties");
        Path partial = dir().resolve("machine.properties.partial");
        try {
            Files.createDirectories(dir());
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "kubik's qemu driver: this machine's settings");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The qemu process, if it runs. */
    Optional<ProcessHandle> process() {
        try {
            if (!Files.isRegularFile(pidFile())) return Optional.empty();
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("qemu-system")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
