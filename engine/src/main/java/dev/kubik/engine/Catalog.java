package dev.kubik.engine;

import dev.kubik.spi.BootstrapperDescriptor;
import dev.kubik.spi.DriverDescriptor;
import dev.kubik.spi.Plugins;

import java.util.List;
import java.util.Optional;

/**
 * What this kubik can drive, for front ends: the drivers and bootstrappers found (built in and plugins), as
 * descriptors only. Listings, completion and {@code kubik drivers} read this; only the engine works with the drivers
 * themselves.
 */
public final class Catalog {
    private Catalog() {
    }

    /** Every driver, ordered by name. */
    public static List<DriverDescriptor> drivers() {
        return List.copyOf(Plugins.drivers());
    }

    /** The driver a script names (by name or alias). */
    public static Optional<DriverDescriptor> driver(String name) {
        return Plugins.driver(name).map(d -> d);
    }

    /** Every bootstrapper, ordered by name. */
    public static List<BootstrapperDescriptor> bootstrappers() {
        return List.copyOf(Plugins.bootstrappers());
    }

    public static Optional<BootstrapperDescriptor> bootstrapper(String name) {
        return Plugins.bootstrapper(name).map(b -> b);
    }

    /** Each driver for this OS checked at once, usable ones first, and the one chosen when a script names none. */
    public static DriverSelector.Selection check() {
        return DriverSelector.select(Plugins.drivers());
    }
}
