package dev.kubik.spi;

/** What a driver reports about one machine. */
public enum MachineState {
    /** The driver knows of no such machine. */
    MISSING,
    RUNNING,
    STOPPED,
    PAUSED,
    ERROR;

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
