package dev.kubik.shell;

import dev.kubik.engine.Catalog;
import dev.kubik.engine.DriverSelector;
import dev.kubik.spi.BootstrapperDescriptor;
import dev.kubik.spi.Capability;
import dev.kubik.spi.DriverDescriptor;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.OptionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code kubik drivers}: which drivers this host can use, best first, and why not the others. */
@Command(name = "drivers", description = "Lists drivers: where they run, priority, health here, and the fix when unhealthy.")
final class DriversCommand implements Callable<Integer> {
    @Option(names = "--options", description = "also list each driver's options")
    boolean options;

    @Option(names = "--capabilities", description = "also list what each driver and bootstrapper can do (mounts, ports, resize, …)")
    boolean capabilities;

    @Override
    public Integer call() {
        Table table = new Table("DRIVER", "RUNS ON", "PRIORITY", "STATUS", "DETAIL");
        var selection = Catalog.check();
        for (DriverSelector.Candidate c : selection.candidates()) {
            boolean chosen = selection.chosen().map(d -> d == c.driver()).orElse(false);
            table.row(c.driver().name() + (chosen ? " *" : ""), oses(c.driver()), c.driver().priority().name().toLowerCase(),
                    c.usable() ? "healthy" : c.status().installed() ? "unhealthy" : "not installed",
                    c.usable() ? c.status().version() : c.status().error() + (c.status().fix() == null ? "" : "; fix: " + c.status().fix()));
        }
        Catalog.drivers().stream().filter(d -> !d.supportedOn().contains(HostOs.current()))
                .forEach(d -> table.row(d.name(), oses(d), d.priority().name().toLowerCase(), "not for this OS", d.description()));
        System.out.print(table);
        System.out.println("* chosen when a script names no driver");
        if (options) {
            for (DriverDescriptor driver : Catalog.drivers().stream().sorted(Comparator.comparing(DriverDescriptor::name)).toList()) {
                System.out.println("\n" + driver.name() + " options:");
                for (OptionSpec o : driver.options().options()) {
                    System.out.printf("  %-12s %-8s default %-20s %s%s%n", o.name(), o.type().name().toLowerCase(), o.defaultValue(),
                            o.usage(), o.allowed().isEmpty() ? "" : " (" + String.join(", ", o.allowed()) + ")");
                }
            }
        }
        if (capabilities) {
            System.out.println();
            Table can = new Table("DRIVER", "CAN");
            Catalog.drivers().stream().sorted(Comparator.comparing(DriverDescriptor::name))
                    .forEach(d -> can.row(d.name(), describe(d.capabilities(), d.resizableInPlace())));
            System.out.print(can);
            System.out.println();
            Table bootstrappers = new Table("BOOTSTRAPPER", "CAN");
            Catalog.bootstrappers().stream().sorted(Comparator.comparing(BootstrapperDescriptor::name))
                    .forEach(b -> bootstrappers.row(b.name(), describe(b.capabilities(), java.util.Set.of())));
            System.out.print(bootstrappers);
        }
        return ExitCodes.OK;
    }

    private static String describe(java.util.Set<Capability> capabilities, java.util.Set<String> resizable) {
        if (capabilities.isEmpty()) return "-";
        return capabilities.stream().sorted().map(c -> c == Capability.RESIZE
                ? c.keyword() + " (" + String.join(", ", new java.util.TreeSet<>(resizable)) + ")" : c.keyword())
                .collect(Collectors.joining(", "));
    }

    private static String oses(DriverDescriptor driver) {
        return driver.supportedOn().stream().map(HostOs::displayName).sorted().collect(Collectors.joining(", "));
    }
}
