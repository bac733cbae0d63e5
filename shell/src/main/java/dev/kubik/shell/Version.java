package dev.kubik.shell;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** kubik's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {
    public static String get() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/kubik.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException ignored) {
            // Reported as unknown below.
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[]{"kubik " + get() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
