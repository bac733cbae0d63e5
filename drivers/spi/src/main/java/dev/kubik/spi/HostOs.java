package dev.kubik.spi;

import java.util.Locale;

/** The host operating systems a driver can run on; the Java stand-in for Go build tags. */
public enum HostOs {
    LINUX("Linux"), MACOS("macOS"), WINDOWS("Windows");

    private final String displayName;

    HostOs(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static HostOs current() {
        return fromOsName(System.getProperty("os.name", ""));
    }

    static HostOs fromOsName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) return WINDOWS;
        if (os.contains("mac") || os.contains("darwin")) return MACOS;
        return LINUX;
    }
}
