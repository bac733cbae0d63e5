package dev.kubik.driver.plugin;

import dev.kubik.spi.HostOs;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.OptionType;
import dev.kubik.spi.Priority;

import java.util.List;
import java.util.Set;

/**
 * What a plugin said of itself in Describe, as kubik caches it (JSON, no protobuf): enough to list, validate and
 * select the driver without starting the plugin.
 */
record PluginDescriptor(String name, List<String> aliases, String description, List<HostOs> supportedOn, Priority priority,
                        List<Option> options, List<String> resizableInPlace, List<String> capabilities, int protocolVersion) {

    /** A descriptor cached before plugins declared capabilities has none. */
    PluginDescriptor {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** One option; its default as JSON text, as the protocol carries it. */
    record Option(String name, OptionType type, String usage, Object defaultValue, List<String> allowed) {
        OptionSpec spec() {
            return new OptionSpec(name, type, defaultValue, usage, allowed == null ? List.of() : allowed);
        }
    }

    OptionSchema schema() {
        return new OptionSchema(options.stream().map(Option::spec).toList());
    }

    Set<HostOs> oses() {
        return Set.copyOf(supportedOn);
    }
}
