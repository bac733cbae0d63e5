package dev.kubik.driver.docker;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Reporter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What this host's podman needs to start a node, found by trial and kept in the driver's directory (locked while
 * the first of several parallel creations tries), so later nodes start at once:
 * <ul>
 *   <li>{@code ulimits}: the OCI runtime sets the container's open-file and process limits, which a sandbox without
 *   CAP_SYS_RESOURCE refuses ("setrlimit … operation not permitted"): the limits are passed as kubik's own hard
 *   limits, which need no privilege;</li>
 *   <li>{@code no-cgroups}: podman cannot make cgroups under a read-only or partial cgroup v1 tree ("creating cgroup
 *   directory … hugetlb"): the container runs in kubik's cgroup, without CPU and memory limits, and kubik says so.</li>
 * </ul>
 */
final class PodmanQuirks {
    private static final Duration RUN = Duration.ofMinutes(2);
    private final DockerCli podman;
    private final Path memo;

    PodmanQuirks(DockerCli podman, Path driverDir) {
        this.podman = podman;
        this.memo = driverDir.resolve("quirks");
    }

    void run(List<String> args, String image, String name, Reporter reporter) {
        try {
            Set<String> known = read();
            if (!known.isEmpty()) {
                start(args, image, name, known, reporter);
                return;
            }
            // The first creation finds the quirks while the others wait: in this JVM on the monitor (a JVM may hold
            // one lock per file), across kubik processes on the file lock.
            synchronized (PodmanQuirks.class) {
                Files.createDirectories(memo.getParent());
                try (FileChannel channel = FileChannel.open(memo, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    known = read();
                    if (!known.isEmpty()) {
                        start(args, image, name, known, reporter);
                        return;
                    }
                    remember(trial(args, image, name), reporter);
                }
            }
        } catch (IOException e) {
            throw new DriverException("cannot use " + memo + ": " + e.getMessage(), null, e);
        }
    }

    /** Keeps the quirks found for the next nodes, and tells the user what one of them costs. */
    private void remember(Set<String> quirks, Reporter reporter) throws IOException {
        Files.writeString(memo, String.join("\n", quirks) + "\n");
        if (quirks.contains("no-cgroups")) {
            reporter.warn("podman cannot create cgroups on this host, so nodes run without CPU and memory limits");
        }
    }

    private Set<String> read() throws IOException {
        return Files.isRegularFile(memo)
                ? new LinkedHashSet<>(Files.readString(memo).strip().lines().filter(l -> !l.isBlank()).toList()) : Set.of();
    }

    /**
     * Starts a node with the quirks found. A cgroup v1 tree with controllers missing may let one node make its
     * cgroups and refuse the next (seen with two nodes started at once): such a refusal teaches the workaround the
     * trial would have, for this node and the memo.
     */
    private void start(List<String> args, String image, String name, Set<String> quirks, Reporter reporter) throws IOException {
        CommandResult result = podman.run(RUN, command(args, image, quirks));
        if (result.ok()) return;
        if (!cgroupRefusal(result.stderr()) || quirks.contains("no-cgroups")) throw failure(result.stderr());
        podman.run("rm", "--force", name);
        Set<String> more = new LinkedHashSet<>(quirks);
        more.remove("none");
        more.add("no-cgroups");
        remember(more, reporter);
        start(args, image, name, more, reporter);
    }

    private static boolean cgroupRefusal(String stderr) {
        return stderr.contains("cgroup") || stderr.contains("hugetlb");
    }

    /** Starts the node, adding a workaround for each refusal it meets; returns the workarounds it needed. */
    private Set<String> trial(List<String> args, String image, String name) {
        Set<String> quirks = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            CommandResult result = podman.run(RUN, command(args, image, quirks));
            if (result.ok()) {
                if (quirks.isEmpty()) quirks.add("none");
                return quirks;
            }
            String err = result.stderr();
            podman.run("rm", "--force", name); // a failed start leaves the container in state Created
            if (err.contains("setrlimit") && quirks.add("ulimits")) continue;
            if (cgroupRefusal(err) && quirks.add("no-cgroups")) continue;
            throw failure(err);
        }
        throw new DriverException("podman could not start " + name + " with any of the known workarounds", "see 'podman info'");
    }

    private static DriverException failure(String stderr) {
        return new DriverException("podman run failed: " + stderr.strip(), "see 'podman info'; a rootful podman on cgroup v2 runs "
                + "nodes best; 'kubik delete' removes what was half-made");
    }

    private static List<String> command(List<String> args, String image, Set<String> quirks) {
        List<String> command = new ArrayList<>();
        boolean noCgroups = quirks.contains("no-cgroups");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (noCgroups && List.of("--cpu-period", "--cpu-quota", "--memory", "--memory-swap").contains(arg)) {
                i++; // limits need the cgroups this podman cannot make
                continue;
            }
            command.add(arg);
        }
        command.add("--privileged");
        if (quirks.contains("ulimits")) {
            // No more than podman's monitor (conmon) has: kubik's hard limit, capped as podman caps conmon's
            // (1048576 files, 32768 processes, measured with podman 4.3).
            long files = Math.min(hardLimit("Max open files"), 1048576);
            long processes = Math.min(hardLimit("Max processes"), 32768);
            command.addAll(List.of("--ulimit", "nofile=" + files + ":" + files, "--ulimit", "nproc=" + processes + ":" + processes));
        }
        if (noCgroups) command.addAll(List.of("--cgroups=disabled", "--volume", "/sys/fs/cgroup:/sys/fs/cgroup:rw"));
        command.add(image);
        return command;
    }

    /** kubik's own hard limit, from /proc/self/limits ("unlimited" as the largest long). */
    static long hardLimit(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith(name))
                    .map(l -> l.substring(26).strip().split("\\s+")[1])
                    .map(v -> v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v)).findFirst().orElse(Long.MAX_VALUE);
        } catch (IOException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
