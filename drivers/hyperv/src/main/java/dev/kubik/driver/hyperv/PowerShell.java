package dev.kubik.driver.hyperv;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostCommands;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * PowerShell as minikube's and kutti's Hyper-V drivers call it: {@code powershell.exe -NoProfile -NonInteractive},
 * here with the script on standard input ({@code -Command -}), so Windows' command-line quoting never touches it.
 * Every value kubik puts into a script goes through {@link #quote}: a single-quoted string, in which PowerShell
 * expands nothing ({@code $()}, backticks and semicolons are plain characters).
 */
final class PowerShell {
    static final List<String> COMMAND = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "-");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HostCommands host;

    PowerShell(HostCommands host) {
        this.host = host;
    }

    /**
     * A PowerShell single-quoted string. PowerShell takes the typographic single quotes (U+2018, U+2019, U+201A,
     * U+201B) for quotes too, so each of them is doubled as well as the ASCII one.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') quoted.append(c);
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }

    /** Runs a script; its output, or a DriverException with PowerShell's error. */
    String run(String script) {
        CommandResult result = host.run(COMMAND, new ByteArrayInputStream((script + "\n").getBytes(StandardCharsets.UTF_8)), TIMEOUT);
        if (!result.ok()) {
            throw new DriverException("PowerShell failed: " + script + ": " + result.stderr().strip(), "run it in an elevated "
                    + "PowerShell to see more; Hyper-V needs Administrators or Hyper-V Administrators rights");
        }
        return result.stdout().strip();
    }

    /** Runs a script whose failure is an answer (a VM that does not exist). */
    CommandResult attempt(String script) {
        return host.run(COMMAND, new ByteArrayInputStream((script + "\n").getBytes(StandardCharsets.UTF_8)), TIMEOUT);
    }
}
