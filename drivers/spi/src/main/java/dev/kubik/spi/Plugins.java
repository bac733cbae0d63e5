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

    /** Every driver, ordered by name: kubik's own, then those of driver sources (plugins) whose names are free. */
    public static List<Driver> drivers() {
        if (drivers == null) {
            List<Driver> found = new java.util.ArrayList<>(ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::get).toList());
            ServiceLoader.load(DriverSource.class).stream().map(ServiceLoader.Provider::get).flatMap(s -> s.drivers().stream())
                    .filter(d -> found.stream().noneMatch(f -> f.name().equals(d.name())))
                    .forEach(found::add);
            drivers = found.stream().sorted(Comparator.comparing(Driver::name)).toList();
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
