package dev.kubik.driver.vfkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One vfkit VM's directory, laid out as minikube's (~/.minikube/machines/NAME): the ISO, the kernel and initrd
 * taken out of it, the boot2docker disk, vfkit's pid file, REST socket and log, the serial log, the vmnet
 * helper's socket and pid, and the cluster tag ({@link dev.kubik.driver.vmkit.ClusterTag}).
 */
record VfkitFiles(Path dir) {
    Path iso() {
        return dir.resolve("boot2docker.iso");
    }

    Path kernel() {
        return dir.resolve("bzimage");
    }

    Path initrd() {
        return dir.resolve("initrd");
    }

    Path disk() {
        return dir.resolve("disk.img");
    }

    Path pidFile() {
        return dir.resolve("vfkit.pid");
    }

    Path restSocket() {
        return dir.resolve("vfkit.sock");
    }

    Path log() {
        return dir.resolve("vfkit.log");
    }

    Path serialLog() {
        return dir.resolve("serial.log");
    }

    Path helperSocket() {
        return dir.resolve("vmnet-helper.sock");
    }

    Path helperPidFile() {
        return dir.resolve("vmnet-helper.pid");
    }

    Path helperLog() {
        return dir.resolve("vmnet-helper.log");
    }

    /** The pid in a pid file, if it names one. */
    static Optional<Long> pid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
