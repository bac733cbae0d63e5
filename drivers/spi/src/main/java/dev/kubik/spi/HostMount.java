package dev.kubik.spi;

/** A host directory shared into a machine. Both paths are absolute. */
public record HostMount(String hostPath, String guestPath) {
}
