package dev.kubik.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Host processes: stdout and stderr drained on their own threads so a chatty command never blocks on a pipe. */
final class LocalProcesses implements HostCommands {
    @Override
    public CommandResult run(List<String> argv, InputStream stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new DriverException(argv.get(0) + " is not installed or not on PATH", "install " + argv.get(0), e);
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
                throw new DriverException("'" + ShellWords.join(argv) + "' did not finish within " + timeout.toSeconds()
                        + " s", "check that " + argv.get(0) + " (or the daemon behind it) is responsive");
            }
            return new CommandResult(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(argv.get(0) + " was interrupted", null, e);
        }
    }

    /**
     * Pipes are drained on threads of their own: on the shared pool (CompletableFuture's default) a process's
     * output would wait behind whatever else runs there, such as a run's warm-ups, and its caller with it.
     */
    private static final ExecutorService DRAINS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kubik-drain");
        thread.setDaemon(true);
        return thread;
    });

    static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }, DRAINS);
    }
}
