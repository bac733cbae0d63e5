package dev.kubik.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed options a driver publishes, in the spirit of kontainer-engine's DriverFlags. */
public record OptionSchema(List<OptionSpec> options) {

    public static final OptionSchema EMPTY = new OptionSchema(List.of());

    public OptionSchema {
        options = List.copyOf(options);
    }

    public static OptionSchema of(OptionSpec... options) {
        return new OptionSchema(List.of(options));
    }

    public Optional<OptionSpec> find(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return options.stream().map(OptionSpec::name).toList();
    }

    /** The options a machine gets: the schema's defaults overlaid with what the script set. */
    public Map<String, Object> withDefaults(Map<String, Object> given) {
        Map<String, Object> effective = new LinkedHashMap<>();
        for (OptionSpec option : options) {
            if (option.defaultValue() != null) effective.put(option.name(), option.defaultValue());
        }
        given.forEach((name, value) -> effective.put(name, find(name).map(o -> o.type().normalize(value)).orElse(value)));
        return effective;
    }
}
