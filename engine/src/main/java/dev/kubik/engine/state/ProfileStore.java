package dev.kubik.engine.state;

import dev.kubik.model.ClusterSpec;
import dev.kubik.plan.ClusterState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.KubikVersion;

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
 *
 * <p>The JSON files carry {@code format} (the schema version, {@link #FORMAT}) and the {@code kubik} version that
 * wrote them. An older format is upgraded in place on first read; a newer one is refused, naming both versions;
 * a damaged file is reported with its path and the way out, and is never overwritten by a read.
 */
public final class ProfileStore {
    /**
     * The state files' schema version. 1: the first versioned format (files without one are format 0). 2: each
     * machine's login and its driver's own state (a kubik that knew only 1 would drop that state on its next write,
     * so it must refuse these files).
     */
    public static final int FORMAT = 2;

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

    /** The pinned host key, or a clear failure naming the file when it is gone. */
    public String requireHostKey(String profile, String machine) {
        return hostKey(profile, machine).orElseThrow(() -> new StateFileException(hostKeyFile(profile, machine),
                "is missing: kubik has no pinned host key for machine " + machine + " and will not connect without one",
                "kubik delete " + profile + " removes the cluster (its machines are found by label), then run the script "
                        + "again; or restore the file"));
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

    private <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        String profile = file.getParent().getFileName().toString();
        String damaged = "kubik delete " + profile + " removes the cluster even so (its machines are found by their "
                + "label) and clears the profile; or restore the file from a backup";
        ObjectMapper mapper = Json.mapper();
        JsonNode tree;
        try {
            tree = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new StateFileException(file, "is damaged (not valid JSON: " + firstLine(e) + ")", damaged);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new StateFileException(file, "is damaged (empty, or not a JSON object)", damaged);
        }
        int format = object.path("format").asInt(0);
        if (format > FORMAT) {
            throw new StateFileException(file, "was written by kubik " + object.path("kubik").asText("(unknown)")
                    + " in state format " + format + "; this is kubik " + KubikVersion.get() + ", which knows formats up to "
                    + FORMAT, "use kubik " + object.path("kubik").asText("") + " or newer with this profile");
        }
        T value;
        try {
            object.remove(List.of("format", "kubik"));
            value = mapper.treeToValue(object, type);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new StateFileException(file, "is damaged (" + firstLine(e) + ")", damaged);
        }
        if (format < FORMAT) write(file, value); // upgraded in place, atomically
        return Optional.of(value);
    }

    private static void write(Path file, Object value) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode versioned = mapper.createObjectNode();
        versioned.put("format", FORMAT);
        versioned.put("kubik", KubikVersion.get());
        versioned.setAll((ObjectNode) mapper.valueToTree(value));
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(versioned));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
