package dev.kubik.spi;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/** Runs commands on the host, as argument vectors (never through a shell). */
@FunctionalInterface
public interface HostCommands {
    /**
     * Runs {@code argv} with {@code stdin} (may be null) streamed in while its output is drained.
     *
     * @throws DriverException when the program cannot be started, or does not finish within {@code timeout}
     */
    CommandResult run(List<String> argv, InputStream stdin, Duration timeout);

    HostCommands LOCAL = new LocalProcesses();
}
