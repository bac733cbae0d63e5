package dev.kubik.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One VM's directory (~/.kubik/machines/NAME): the disk, the serial log, the QMP socket, the pid file, and a tag
 * naming its cluster, written first, so a VM whose creation was interrupted before kubik recorded it is still
 * found and removed.
 */
record QemuFiles(Path dir) {
    Path disk() {
        return dir.resolve("disk.raw");
    }

    Path serialLog() {
        return dir.resolve("serial.log");
    }

    Path qmpSocket() {
        return dir.resolve("qmp.sock");
    }

    Path pidFile() {
        return dir.resolve("qemu.pid");
    }

    Path stderrLog() {
        return dir.resolve("qemu.log");
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
