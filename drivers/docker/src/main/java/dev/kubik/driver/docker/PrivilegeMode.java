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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How node containers get the privileges systemd and nested containers need. {@code --privileged} first, as
 * minikube does; when the daemon refuses it ("unable to apply caps": it lacks some capability itself), every
 * capability but the missing ones, with the cgroup tree mounted writable. A local daemon's capabilities are read
 * from /proc; a remote daemon's answer to the trial is kept in the driver's directory (one file per daemon
 * address, locked while the first of several parallel creations probes), so the driver holds nothing in memory
 * and later nodes skip the failing trial.
 */
final class PrivilegeMode {
    private static final String GRANTED = "privileged";
    private static final String REFUSED = "capabilities";
    private final DockerCli docker;
    private final Path memo;

    /** @param driverDir the driver's own directory, for the remote daemon's answer */
    PrivilegeMode(DockerCli docker, Path driverDir) {
        this.docker = docker;
        String daemon = System.getenv().getOrDefault("DOCKER_HOST", "") + "|" + System.getenv().getOrDefault("DOCKER_CONTEXT", "");
        this.memo = driverDir.resolve("privileges-" + Integer.toHexString(daemon.hashCode()));
    }

    /** Runs the container; {@code args} is the docker run command without privilege flags and image. */
    void run(List<String> args, String image, String mode, String name, Reporter reporter) {
        switch (mode) {
            case "privileged" -> runWith(args, List.of("--privileged"), image);
            case "capabilities" -> runWith(args, explicit(), image);
            default -> auto(args, image, name, reporter);
        }
    }

    private void auto(List<String> args, String image, String name, Reporter reporter) {
        // A local daemon that lacks capabilities itself will refuse --privileged: skip the failing trial.
        Optional<List<String>> lacking = Capabilities.localDaemon().map(Capabilities::missing);
        if (lacking.isPresent()) {
            if (lacking.get().isEmpty()) {
                runWith(args, List.of("--privileged"), image);
            } else {
                List<String> flags = explicit(lacking.get());
                reporter.warn("the docker daemon lacks " + String.join(", ", lacking.get()) + ", so it cannot grant "
                        + "--privileged; nodes run with every capability it has instead: " + String.join(" ", flags));
                runWith(args, flags, image);
            }
            return;
        }
        try {
            Files.createDirectories(memo.getParent());
            try (FileChannel channel = FileChannel.open(memo, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                String known = Files.readString(memo).strip();
                if (known.equals(REFUSED)) {
                    runWith(args, explicit(), image);
                } else if (known.equals(GRANTED)) {
                    runWith(args, List.of("--privileged"), image);
                } else {
                    Files.writeString(memo, trial(args, image, name, reporter) ? GRANTED : REFUSED);
                }
            }
        } catch (IOException e) {
            throw new DriverException("cannot use " + memo + ": " + e.getMessage(), null, e);
        }
    }

    /** Runs with --privileged, or on refusal with explicit capabilities; returns whether --privileged worked. */
    private boolean trial(List<String> args, String image, String name, Reporter reporter) {
        CommandResult privileged = docker.run(java.time.Duration.ofMinutes(2), command(args, List.of("--privileged"), image));
        if (privileged.ok()) return true;
        if (!refusedCapabilities(privileged.stderr())) throw failure(privileged);
        // docker leaves the container behind in state Created; its name must be free for the retry.
        docker.run("rm", "--force", name);
        List<String> flags = explicit();
        reporter.warn("docker refused --privileged (" + firstLine(privileged.stderr()) + "); nodes run with every "
                + "capability the daemon has instead: " + String.join(" ", flags));
        runWith(args, flags, image);
        return false;
    }

    static boolean refusedCapabilities(String stderr) {
        return stderr.contains("unable to apply caps") || stderr.contains("apply caps");
    }

    /** Every capability but those the daemon lacks, no seccomp or AppArmor filter, a writable cgroup tree. */
    static List<String> explicit() {
        return explicit(Capabilities.missingFromDaemon());
    }

    private static List<String> explicit(List<String> lacking) {
        List<String> flags = new ArrayList<>(List.of("--cap-add", "ALL"));
        for (String missing : lacking) {
            flags.addAll(List.of("--cap-drop", missing));
        }
        flags.addAll(List.of("--volume", "/sys/fs/cgroup:/sys/fs/cgroup:rw"));
        return flags;
    }

    private void runWith(List<String> args, List<String> flags, String image) {
        CommandResult result = docker.run(java.time.Duration.ofMinutes(2), command(args, flags, image));
        if (!result.ok()) throw failure(result);
    }

    private static List<String> command(List<String> args, List<String> flags, String image) {
        List<String> command = new ArrayList<>(args);
        command.addAll(flags);
        command.add(image);
        return command;
    }

    private DriverException failure(CommandResult result) {
        return new DriverException(docker.binary() + " run failed: " + result.stderr().strip(),
                "see 'docker info' and the daemon's log; 'kubik delete' removes what was half-made");
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        int caps = line.indexOf("unable to apply caps");
        return caps >= 0 ? line.substring(caps).replace(": unknown", "") : line;
    }
}
