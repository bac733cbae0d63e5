package dev.kubik.engine;

import java.nio.file.Path;

/** Where kubik keeps its files: {@code $KUBIK_HOME} (or the {@code kubik.home} property), else {@code ~/.kubik}. */
public record KubikHome(Path root) {

    public static KubikHome fromEnvironment() {
        String env = System.getProperty("kubik.home", System.getenv("KUBIK_HOME"));
        return new KubikHome(env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".kubik"));
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
