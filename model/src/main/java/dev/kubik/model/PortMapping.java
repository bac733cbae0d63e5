package dev.kubik.model;

/** A host port on 127.0.0.1 forwarded to a port of the primary node. */
public record PortMapping(int hostPort, int nodePort) {
}
