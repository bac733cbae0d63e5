package dev.kubik.spi;

import java.nio.file.Path;

/**
 * How the host logs in to a machine.
 *
 * @param user     the login (boot2docker and kicbase nodes: {@code docker})
 * @param endpoint where its SSH server answers the host
 * @param identity the private key, or null for the profile's own key, which the driver installed
 */
public record SshAccess(String user, Endpoint endpoint, Path identity) {
    /** The login kubik's node images and minikube's ISO have. */
    public static final String NODE_USER = "docker";

    public static SshAccess node(Endpoint endpoint) {
        return new SshAccess(NODE_USER, endpoint, null);
    }
}
