package dev.kubik.spi;

import java.nio.file.Path;

/**
 * What the engine hands a driver with every call, so the driver needs no state of its own between calls and no
 * knowledge of where kubik keeps things.
 *
 * @param home      kubik's home ({@code ~/.kubik}); drivers use the directories below, not this
 * @param artifacts downloads through kubik's cache (sha256, resume, progress, mirror)
 * @param host      runs commands on the host
 * @param reporter  tells the user what happens (and asks, where someone can answer)
 * @param ssh       SSH as the engine speaks it, for drivers that reach machines over SSH themselves
 */
public record DriverContext(Path home, Artifacts artifacts, HostCommands host, Reporter reporter, SecureShell ssh) {

    public DriverContext(Path home, Artifacts artifacts, HostCommands host, Reporter reporter) {
        this(home, artifacts, host, reporter, SecureShell.NONE);
    }

    /** A context for this host's kubik home, with no artifact cache: for tests and tools that fetch nothing. */
    public static DriverContext local(Path home, Reporter reporter) {
        return new DriverContext(home, Artifacts.NONE, HostCommands.LOCAL, reporter);
    }

    /** One machine's own directory (disk, logs, sockets, pid file), as minikube's ~/.minikube/machines/NAME. */
    public Path machineDir(String machine) {
        return home.resolve("machines").resolve(machine);
    }

    /** Every machine directory's parent, for finding a cluster's machines without kubik's state. */
    public Path machinesDir() {
        return home.resolve("machines");
    }

    /** A driver's own directory, for facts about the host that outlive one call (never about one machine). */
    public Path driverDir(String driver) {
        return home.resolve("drivers").resolve(driver);
    }

    /** The shared download cache, for files derived from artifacts (a kernel extracted from an ISO). */
    public Path cache() {
        return home.resolve("cache");
    }
}
