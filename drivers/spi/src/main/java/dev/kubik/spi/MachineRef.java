package dev.kubik.spi;

import java.util.Map;
import java.util.Optional;

/**
 * A machine as the engine hands it back to its driver: its name and the small state the driver returned when it
 * made (or last started) it, such as a VM's MAC address and forwarded ports. The engine stores the state with the
 * profile; drivers keep nothing in memory between calls.
 */
public record MachineRef(String name, Map<String, String> state) {
    public MachineRef {
        state = Map.copyOf(state);
    }

    /** A machine known only by name: a leftover found by {@link Driver#machinesOf}, or state from before SPI 2. */
    public static MachineRef named(String name) {
        return new MachineRef(name, Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(state.get(key));
    }

    /** The value, or a DriverException saying the record lacks it (a machine made by another kubik). */
    public String require(String key) {
        return get(key).orElseThrow(() -> new DriverException("kubik's record of " + name + " lacks '" + key + "'",
                "delete the machine and run the script again to recreate it"));
    }
}
