package dev.kubik.spi;

import java.nio.file.Path;

/**
 * Where kubik keeps its files: {@code $KUBIK_HOME} (or the {@code kubik.home} property), else {@code ~/.kubik}.
 * VM drivers keep each machine's files (disk, serial log, QMP socket, pid file, the driver's own record) in
 * {@link #machine}, as minikube does under ~/.minikube/machines/NAME.
 */
public final class KubikPaths {
    private KubikPaths() {
    }

    public static Path home() {
        String env = System.getProperty("kubik.home", System.getenv("KUBIK_HOME"));
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".kubik");
    }

    /** All machines' directories. */
    public static Path machines() {
        return home().resolve("machines");
    }

    /** One machine's directory. */
    public static Path machine(String name) {
        return machines().resolve(name);
    }

    /** The shared download cache. */
    public static Path cache() {
        return home().resolve("cache");
    }
}
