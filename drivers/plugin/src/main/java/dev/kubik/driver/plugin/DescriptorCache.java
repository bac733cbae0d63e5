package dev.kubik.driver.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.spi.DriverStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What plugins said of themselves, by executable path, valid while the executable's modification time and size
 * are unchanged: listing drivers, validating a script and choosing a driver then start no plugin. A health
 * answer is kept a minute, so {@code kubik drivers} twice in a row starts each plugin once.
 */
final class DescriptorCache {
    static final Duration STATUS_TTL = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One executable's entry. */
    record Entry(long modified, long size, PluginDescriptor descriptor, DriverStatus status, long statusAt) {
    }

    private final Path file;

    DescriptorCache(Path file) {
        this.file = file;
    }

    Optional<Entry> get(Path executable) {
        Entry entry = read().get(executable.toString());
        if (entry == null) return Optional.empty();
        try {
            boolean same = Files.getLastModifiedTime(executable).toMillis() == entry.modified() && Files.size(executable) == entry.size();
            return same ? Optional.of(entry) : Optional.empty();
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    void putDescriptor(Path executable, PluginDescriptor descriptor) {
        update(executable, descriptor, null, 0);
    }

    void putStatus(Path executable, PluginDescriptor descriptor, DriverStatus status) {
        update(executable, descriptor, status, System.currentTimeMillis());
    }

    /** A health answer younger than {@link #STATUS_TTL}. */
    Optional<DriverStatus> freshStatus(Path executable) {
        return get(executable).filter(e -> e.status() != null && System.currentTimeMillis() - e.statusAt() < STATUS_TTL.toMillis())
                .map(Entry::status);
    }

    private synchronized void update(Path executable, PluginDescriptor descriptor, DriverStatus status, long statusAt) {
        try {
            Map<String, Entry> entries = read();
            entries.put(executable.toString(), new Entry(Files.getLastModifiedTime(executable).toMillis(), Files.size(executable),
                    descriptor, status, statusAt));
            Files.createDirectories(file.getParent());
            // Replaced whole, never written in place: another kubik may be reading it.
            Path temp = Files.createTempFile(file.getParent(), "descriptors", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), entries);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: the plugin is asked again next time.
        }
    }

    private Map<String, Entry> read() {
        if (!Files.isRegularFile(file)) return new TreeMap<>();
        try {
            return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Entry>>() { });
        } catch (IOException damaged) {
            return new TreeMap<>(); // a damaged cache is rebuilt
        }
    }
}
