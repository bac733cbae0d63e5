package dev.kubik.spi;

/** A host port (on 127.0.0.1) forwarded to a port of a machine. */
public record PortForward(int hostPort, int guestPort) {
}
