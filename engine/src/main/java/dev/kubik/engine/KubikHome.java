package dev.kubik.engine;

import java.nio.file.Path;

/** Where kubik keeps its files: {@code $KUBIK_HOME} (or the {@code kubik.home} property), else {@code ~/.kubik}. */
public record KubikHome(Path root) {

    public static KubikHome fromEnvironment() {
        return new KubikHome(dev.kubik.spi.KubikPaths.home());
    }

    public Path profiles() {
        return root.resolve("profiles");
    }

    public Path profile(String name) {
        return profiles().resolve(name);
    }

    public Path cache() {
        return root.resolve("cache");
    }

    /** The scripts trusted to run outside the sandbox (kubik trust). */
    public Path trusted() {
        return root.resolve("trusted");
    }

    public Path history() {
        return root.resolve("history");
    }
}
