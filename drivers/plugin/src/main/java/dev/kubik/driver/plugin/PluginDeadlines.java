package dev.kubik.driver.plugin;

import dev.kubik.spi.DriverException;
import dev.kubik.spi.Durations;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How long kubik waits for each plugin call before it gives up and stops the plugin: short for the questions
 * (a plugin answers them from what it knows), long for what makes or boots machines (a download, a VM's boot).
 * {@code KUBIK_PLUGIN_TIMEOUTS=Create=30m,Status=5s} changes any of them, by the proto's method names.
 */
final class PluginDeadlines {
    static final String VARIABLE = "KUBIK_PLUGIN_TIMEOUTS";

    /** The service's methods, each with its default deadline. */
    enum Rpc {
        DESCRIBE("Describe", Duration.ofSeconds(10)),
        STATUS("Status", Duration.ofSeconds(10)),
        VALIDATE("Validate", Duration.ofSeconds(30)),
        ENSURE_NETWORK("EnsureNetwork", Duration.ofMinutes(5)),
        REMOVE_NETWORK("RemoveNetwork", Duration.ofMinutes(5)),
        CREATE("Create", Duration.ofMinutes(15)),
        RESIZE("Resize", Duration.ofMinutes(15)),
        START("Start", Duration.ofMinutes(15)),
        STOP("Stop", Duration.ofMinutes(5)),
        REMOVE("Remove", Duration.ofMinutes(5)),
        STATE("State", Duration.ofSeconds(30)),
        ADDRESS("Address", Duration.ofSeconds(30)),
        MACHINES_OF("MachinesOf", Duration.ofSeconds(30));

        final String method;
        final Duration deadline;

        Rpc(String method, Duration deadline) {
            this.method = method;
            this.deadline = deadline;
        }
    }

    private final Map<Rpc, Duration> deadlines;

    private PluginDeadlines(Map<Rpc, Duration> deadlines) {
        this.deadlines = deadlines;
    }

    private static volatile PluginDeadlines configured;

    /** The deadlines of this kubik process, from its environment. */
    static PluginDeadlines configured() {
        PluginDeadlines current = configured;
        if (current == null) configured = current = parse(System.getenv(VARIABLE));
        return current;
    }

    /** @throws DriverException naming the variable, the bad entry and what is valid */
    static PluginDeadlines parse(String setting) {
        Map<Rpc, Duration> deadlines = new EnumMap<>(Rpc.class);
        for (Rpc rpc : Rpc.values()) deadlines.put(rpc, rpc.deadline);
        if (setting == null || setting.isBlank()) return new PluginDeadlines(deadlines);
        String example = "e.g. " + VARIABLE + "=Create=30m,Status=5s";
        for (String entry : setting.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            String method = parts[0].strip();
            Rpc rpc = Stream.of(Rpc.values()).filter(r -> r.method.equals(method)).findFirst()
                    .orElseThrow(() -> new DriverException(VARIABLE + ": '" + method + "' is not a plugin call",
                            "name one of " + Stream.of(Rpc.values()).map(r -> r.method).collect(Collectors.joining(", ")) + ", " + example));
            if (parts.length < 2) throw new DriverException(VARIABLE + ": '" + entry.strip() + "' has no duration", example);
            try {
                deadlines.put(rpc, Durations.parse(parts[1]));
            } catch (IllegalArgumentException e) {
                throw new DriverException(VARIABLE + ": " + e.getMessage(), example);
            }
        }
        return new PluginDeadlines(deadlines);
    }

    Duration of(Rpc rpc) {
        return deadlines.get(rpc);
    }
}
