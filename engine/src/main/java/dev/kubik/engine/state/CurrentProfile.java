package dev.kubik.engine.state;

import dev.kubik.engine.KubikHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cluster commands act on when none is named, as minikube's active profile: the one {@code kubik profile NAME}
 * set, else the only cluster when exactly one exists, else none (commands then use the default name).
 */
public final class CurrentProfile {
    private final Path file;
    private final ProfileStore store;

    public CurrentProfile(KubikHome home) {
        this.file = home.root().resolve("current-profile");
        this.store = new ProfileStore(home);
    }

    public Optional<String> get() {
        Optional<String> set = set();
        if (set.isPresent()) return set;
        List<String> profiles = store.profiles();
        return profiles.size() == 1 ? Optional.of(profiles.get(0)) : Optional.empty();
    }

    /** The profile set with {@code kubik profile NAME}, if any. */
    public Optional<String> set() {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            String name = Files.readString(file, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void set(String profile) {
        AtomicFiles.write(file, (profile + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets the setting when it names this profile (the profile was deleted). */
    public void forget(String profile) {
        if (set().filter(profile::equals).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
