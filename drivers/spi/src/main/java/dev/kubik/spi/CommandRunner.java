package dev.kubik.spi;

import java.time.Duration;
import java.util.List;

/**
 * Runs commands on one machine. Commands are argument vectors: the runner quotes each word, so a string from a
 * script never reaches a shell unquoted.
 */
public interface CommandRunner {

    CommandResult run(List<String> argv, Duration timeout);

    /**
     * Runs with {@code input} as the command's standard input, streamed: for payloads too large to hold in memory,
     * such as image archives.
     */
    default CommandResult run(List<String> argv, java.io.InputStream input, Duration timeout) {
        throw new DriverException("this machine's runner cannot stream input to a command", null);
    }

    /** Writes a file on the machine (as root), creating parent directories. */
    void writeFile(String path, byte[] content, int mode);

    default CommandResult run(String... argv) {
        return run(List.of(argv), Duration.ofMinutes(1));
    }

    /** Runs and throws with the command's stderr when it fails. */
    default String check(String... argv) {
        CommandResult result = run(argv);
        if (!result.ok()) {
            throw new DriverException("'" + ShellWords.join(List.of(argv)) + "' failed with exit status "
                    + result.exitStatus() + ": " + result.stderr().strip(), null);
        }
        return result.stdout();
    }
}
