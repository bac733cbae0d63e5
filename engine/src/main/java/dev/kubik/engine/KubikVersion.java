package dev.kubik.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * kubik's version and the commit it was built from, from the build's kubik.properties; state files record the
 * version so a newer format can be named.
 */
public final class KubikVersion {
    private static final Properties BUILD = load();

    private KubikVersion() {
    }

    public static String get() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The commit the build was made from, or "unknown" for a build outside a git checkout. */
    public static String commit() {
        String commit = BUILD.getProperty("commit", "");
        return commit.isBlank() || commit.startsWith("${") ? "unknown" : commit;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = KubikVersion.class.getResourceAsStream("/kubik.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException ignored) {
            // Reported as unknown.
        }
        return properties;
    }
}
