package dev.kubik.driver.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where plugins are: executables named kubik-driver-NAME in kubik's plugins directory, then on PATH. */
final class PluginFiles {
    static final String PREFIX = "kubik-driver-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([a-z0-9][-a-z0-9]*)(\\.exe|\\.cmd)?");

    private PluginFiles() {
    }

    /** kubik's home, as the engine resolves it: {@code kubik.home}, {@code $KUBIK_HOME}, else {@code ~/.kubik}. */
    static Path home() {
        String env = System.getProperty("kubik.home", System.getenv("KUBIK_HOME"));
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".kubik");
    }

    static Path pluginsDir() {
        return home().resolve("plugins");
    }

    /** Where a plugin's standard error is kept, across its starts: {@code ~/.kubik/logs/kubik-driver-NAME.log}. */
    static Path log(Path executable) {
        return home().resolve("logs").resolve(executable.getFileName() + ".log");
    }

    /** The driver name an executable's file name gives ({@code kubik-driver-NAME}), or its whole name when it gives none. */
    static String driverName(Path executable) {
        var m = NAME.matcher(executable.getFileName().toString());
        return m.matches() ? m.group(1) : executable.getFileName().toString();
    }

    /** Plugin name → executable; the first found wins (the plugins directory before PATH, PATH in order). */
    static Map<String, Path> find() {
        List<Path> dirs = new ArrayList<>(List.of(pluginsDir()));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
                if (!dir.isBlank()) dirs.add(Path.of(dir));
            }
        }
        Map<String, Path> found = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> NAME.matcher(f.getFileName().toString()).matches() && Files.isExecutable(f) && !Files.isDirectory(f))
                        .sorted()
                        .forEach(f -> found.putIfAbsent(driverName(f), f.toAbsolutePath()));
            } catch (java.io.IOException | SecurityException unreadable) {
                // A directory on PATH we may not list holds no plugin of ours.
            }
        }
        return found;
    }
}
