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

    /**
     * The OS kubik runs on. {@code KUBIK_HOST_OS} (linux, macos, windows) overrides it: the one seam through which
     * tests run drivers made for another host (vfkit, hyperv) here, against stand-ins of their tools.
     */
    public static HostOs current() {
        String forced = System.getenv("KUBIK_HOST_OS");
        if (forced != null && !forced.isBlank()) return valueOf(forced.strip().toUpperCase(Locale.ROOT));
        return fromOsName(System.getProperty("os.name", ""));
    }

    static HostOs fromOsName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) return WINDOWS;
        if (os.contains("mac") || os.contains("darwin")) return MACOS;
        return LINUX;
    }
}
