package dev.kubik.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One driver-specific option a script may set in {@code options { }}.
 *
 * @param name         the keyword in the options block
 * @param type         the value type
 * @param defaultValue the value used when the script does not set it (may be null: "none")
 * @param usage        one sentence for help and completion
 * @param allowed      for strings, the only values accepted; empty means any
 */
public record OptionSpec(String name, OptionType type, Object defaultValue, String usage, List<String> allowed) {

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(usage, "usage");
        allowed = List.copyOf(allowed);
    }

    public static OptionSpec string(String name, String defaultValue, String usage, String... allowed) {
        return new OptionSpec(name, OptionType.STRING, defaultValue, usage, List.of(allowed));
    }

    public static OptionSpec bool(String name, boolean defaultValue, String usage) {
        return new OptionSpec(name, OptionType.BOOL, defaultValue, usage, List.of());
    }

    public static OptionSpec integer(String name, Integer defaultValue, String usage) {
        return new OptionSpec(name, OptionType.INT, defaultValue, usage, List.of());
    }

    public static OptionSpec stringList(String name, String usage) {
        return new OptionSpec(name, OptionType.STRING_LIST, List.of(), usage, List.of());
    }

    /** What is wrong with {@code value} for this option, or empty when it is acceptable. */
    public Optional<String> problemWith(Object value) {
        if (!type.accepts(value)) {
            return Optional.of("option '" + name + "' takes " + type.description());
        }
        if (!allowed.isEmpty() && !allowed.contains(value.toString())) {
            return Optional.of("option '" + name + "' must be one of " + String.join(", ", allowed));
        }
        return Optional.empty();
    }
}
