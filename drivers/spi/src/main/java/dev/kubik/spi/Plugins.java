package dev.kubik.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The drivers and bootstrappers on the class path, found with ServiceLoader. */
public final class Plugins {
    private static volatile List<Driver> drivers;
    private static volatile List<Bootstrapper> bootstrappers;

    private Plugins() {
    }

    /** Every driver, ordered by name. */
    public static List<Driver> drivers() {
        if (drivers == null) {
            drivers = ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparing(Driver::name)).toList();
        }
        return drivers;
    }

    public static List<Bootstrapper> bootstrappers() {
        if (bootstrappers == null) {
            bootstrappers = ServiceLoader.load(Bootstrapper.class).stream().map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparing(Bootstrapper::name)).toList();
        }
        return bootstrappers;
    }

    /** The driver with this name or alias. */
    public static Optional<Driver> driver(String name) {
        return drivers().stream().filter(d -> d.name().equals(name) || d.aliases().contains(name)).findFirst();
    }

    public static Optional<Bootstrapper> bootstrapper(String name) {
        return bootstrappers().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
