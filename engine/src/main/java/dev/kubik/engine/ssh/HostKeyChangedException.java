package dev.kubik.engine.ssh;

/** A node offered a host key other than the one kubik pinned for it. */
public class HostKeyChangedException extends RuntimeException {
    public HostKeyChangedException(String message) {
        super(message);
    }
}
