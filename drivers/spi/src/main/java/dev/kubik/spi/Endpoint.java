package dev.kubik.spi;

/** A host and port the host can connect to. */
public record Endpoint(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
