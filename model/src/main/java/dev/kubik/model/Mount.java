package dev.kubik.model;

/** A host directory shared into every node. */
public record Mount(String hostPath, String guestPath) {
}
