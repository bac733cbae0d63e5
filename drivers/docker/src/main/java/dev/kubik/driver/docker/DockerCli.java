package dev.kubik.driver.docker;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The docker command line, run as an argument vector (never through a shell). kubik talks to docker through its
 * CLI rather than the Engine API: it honours DOCKER_HOST, docker contexts and TLS settings exactly as the user's
 * own docker commands do, and the same code drives podman, whose CLI is compatible.
 */
final class DockerCli {
    private final String binary;

    DockerCli(String binary) {
        this.binary = binary;
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
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new DriverException(binary + " is not installed or not on PATH", "install " + binary, e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) stdin.transferTo(in);
        } catch (IOException ignored) {
            // The command exited without reading its input; its status says why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DriverException("'" + binary + " " + String.join(" ", args) + "' did not finish within "
                        + timeout.toSeconds() + " s", "check that the " + binary + " daemon is responsive");
            }
            return new CommandResult(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(binary + " was interrupted", null, e);
        }
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

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
