package dev.kubik.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        CompletableFuture<byte[]> out = StreamDrain.start(process.getInputStream());
        CompletableFuture<byte[]> err = StreamDrain.start(process.getErrorStream());
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
}
