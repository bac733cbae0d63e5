package dev.kubik.spi;

import java.nio.file.Path;

/**
 * A machine that exists already, as a script names it for a driver that adopts hosts instead of making them
 * ({@link DriverDescriptor#adoptsExistingHosts}).
 *
 * @param address  host name or IP address
 * @param port     its SSH port
 * @param user     the login, which must have sudo without a password
 * @param key      the private key to log in with
 * @param hostKey  the host key's OpenSSH fingerprint ({@code SHA256:…}) to pin, or null to ask the user
 */
public record ExistingHost(String address, int port, String user, Path key, String hostKey) {
    public static final int SSH_PORT = 22;
    /**
     * The key under which a driver that adopts hosts keeps {@link #endpoint()} ({@code address:port}) in the machine's state, so the
     * planner can tell when a script moves a node to another host.
     */
    public static final String STATE_KEY = "host";

    public Endpoint endpoint() {
        return new Endpoint(address, port);
    }
}
