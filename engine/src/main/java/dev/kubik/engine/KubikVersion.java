package dev.kubik.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** kubik's version, from the build's kubik.properties; state files record it so a newer format can be named. */
public final class KubikVersion {
    private static final String VERSION = load();

    private KubikVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = KubikVersion.class.getResourceAsStream("/kubik.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException ignored) {
            // Reported as unknown below.
        }
        return properties.getProperty("version", "unknown");
    }
}
