package dev.kubik.engine.state;

import dev.kubik.dsl.model.ClusterSpec;
import dev.kubik.dsl.plan.ClusterState;
import dev.kubik.engine.KubikHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A profile's files: {@code config.json} (the spec last applied), {@code state.json} (what exists), the SSH key
 * pair, and per machine its pinned host key. Every write is atomic.
 */
public final class ProfileStore {
    private final KubikHome home;

    public ProfileStore(KubikHome home) {
        this.home = home;
    }

    public KubikHome home() {
        return home;
    }

    public Path dir(String profile) {
        return home.profile(profile);
    }

    public boolean exists(String profile) {
        return Files.isRegularFile(dir(profile).resolve("state.json"));
    }

    public Optional<ClusterState> state(String profile) {
        return read(dir(profile).resolve("state.json"), ClusterState.class);
    }

    public void save(ClusterState state) {
        write(dir(state.profile()).resolve("state.json"), state);
    }

    public Optional<ClusterSpec> spec(String profile) {
        return read(dir(profile).resolve("config.json"), ClusterSpec.class);
    }

    public void save(ClusterSpec spec) {
        write(dir(spec.name()).resolve("config.json"), spec);
    }

    public Path hostKeyFile(String profile, String machine) {
        return dir(profile).resolve("machines").resolve(machine).resolve("host_key.pub");
    }

    public Optional<String> hostKey(String profile, String machine) {
        Path file = hostKeyFile(profile, machine);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void pinHostKey(String profile, String machine, String publicKey) {
        AtomicFiles.write(hostKeyFile(profile, machine), (publicKey.strip() + "\n").getBytes());
    }

    public void forgetMachine(String profile, String machine) {
        deleteTree(dir(profile).resolve("machines").resolve(machine));
    }

    /** Profiles that have state, by name. */
    public List<String> profiles() {
        if (!Files.isDirectory(home.profiles())) return List.of();
        try (Stream<Path> dirs = Files.list(home.profiles())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("state.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String profile) {
        deleteTree(dir(profile));
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, Json.mapper().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
