package dev.kubik.driver.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which Linux capabilities the docker daemon cannot grant. {@code --privileged} asks for all of them and fails
 * ("unable to apply caps") when the daemon itself lacks some, as in nested sandboxes; kubik then asks for all
 * but those.
 */
final class Capabilities {
    /** capability(7) names by bit number. */
    private static final List<String> NAMES = List.of(
            "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
            "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
            "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
            "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
            "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
            "CHECKPOINT_RESTORE");

    private Capabilities() {
    }

    /**
     * The capabilities missing from the local daemon's bounding set (read from /proc), or, when the daemon is
     * not a local process we can read, from this process's own, which shares its sandbox in the usual case.
     */
    static List<String> missingFromDaemon() {
        Optional<Long> bounding = localDaemon().or(() -> boundingSet(Path.of("/proc/self/status")));
        return bounding.map(Capabilities::missing).orElse(List.of("SYS_RESOURCE"));
    }

    /**
     * The local dockerd's bounding set, when this host runs it and /proc shows it. Empty for a remote daemon
     * (DOCKER_HOST, Docker Desktop's VM), whose capabilities only a trial run can tell.
     */
    static Optional<Long> localDaemon() {
        return daemonPid().flatMap(Capabilities::boundingSet);
    }

    static List<String> missing(long bounding) {
        List<String> missing = new ArrayList<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((bounding & (1L << bit)) == 0) missing.add(NAMES.get(bit));
        }
        return missing;
    }

    private static Optional<Path> daemonPid() {
        // dockerd records its pid in this file by default: one read, not a walk through every process (~30 ms).
        Optional<Path> recorded = recordedDaemon(Path.of("/var/run/docker.pid"));
        return recorded.isPresent() ? recorded : runningDaemon();
    }

    /** The process a pid file names, if it is a dockerd (a stale file may name an exited or reused pid). */
    static Optional<Path> recordedDaemon(Path pidFile) {
        try {
            Path process = Path.of("/proc", Files.readString(pidFile).strip());
            return isDockerd(process) ? Optional.of(process.resolve("status")) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> runningDaemon() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(Capabilities::isDockerd)
                    .map(p -> p.resolve("status")).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            // /proc entries vanish as processes exit; without a readable daemon we fall back below.
            return Optional.empty();
        }
    }

    private static boolean isDockerd(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip().equals("dockerd");
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> boundingSet(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("CapBnd:"))
                    .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
