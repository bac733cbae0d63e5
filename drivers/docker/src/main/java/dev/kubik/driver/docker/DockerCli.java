package dev.kubik.driver.docker;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostCommands;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker command line, run as an argument vector (never through a shell). kubik talks to docker through its
 * CLI rather than the Engine API: it honours DOCKER_HOST, docker contexts and TLS settings exactly as the user's
 * own docker commands do, and the same code drives podman, whose CLI is compatible.
 */
final class DockerCli {
    private final String binary;
    private final HostCommands host;

    DockerCli(String binary, HostCommands host) {
        this.binary = binary;
        this.host = host;
    }

    String binary() {
        return binary;
    }

    CommandResult run(Duration timeout, List<String> args) {
        return run(timeout, (InputStream) null, args);
    }

    CommandResult run(Duration timeout, byte[] stdin, List<String> args) {
        return run(timeout, stdin == null ? null : new java.io.ByteArrayInputStream(stdin), args);
    }

    /** Runs with {@code stdin} streamed to the command while its output is drained. */
    CommandResult run(Duration timeout, InputStream stdin, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.addAll(args);
        return host.run(argv, stdin, timeout);
    }

    CommandResult run(String... args) {
        return run(Duration.ofMinutes(2), List.of(args));
    }

    /** Runs and returns stdout, or throws with docker's own error message. */
    String check(String... args) {
        return check(List.of(args));
    }

    String check(List<String> args) {
        CommandResult result = run(Duration.ofMinutes(2), args);
        if (!result.ok()) {
            throw new DriverException(binary + " " + args.get(0) + " failed: " + result.stderr().strip(), null);
        }
        return result.stdout().strip();
    }
}
