package dev.kubik.model;

/** What one machine gets from the host. */
public record Resources(int cpus, long memoryMiB, long diskMiB) {
}
