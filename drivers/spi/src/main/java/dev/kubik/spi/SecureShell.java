package dev.kubik.spi;

import java.time.Duration;
import java.util.List;

/** SSH as the engine speaks it, for drivers that reach their machines over SSH themselves (existing hosts). */
public interface SecureShell {
    /**
     * Every host key the server at {@code endpoint} offers, one per key type, as {@code ssh-ed25519 AAAA…} lines;
     * nothing is authenticated or run.
     */
    List<String> hostKeys(Endpoint endpoint, Duration timeout);

    /** Logs in as {@code access} says, accepting only {@code pinnedHostKey}; the caller closes the runner. */
    CommandRunner connect(String machine, SshAccess access, String pinnedHostKey, Duration timeout);

    /** OpenSSH's fingerprint ({@code SHA256:…}) of a {@code type base64} key line. */
    String fingerprint(String hostKey);

    /** For contexts that have no SSH (tests of drivers that never need it). */
    SecureShell NONE = new SecureShell() {
        @Override
        public List<String> hostKeys(Endpoint endpoint, Duration timeout) {
            throw new DriverException("no SSH client in this context", null);
        }

        @Override
        public CommandRunner connect(String machine, SshAccess access, String pinnedHostKey, Duration timeout) {
            throw new DriverException("no SSH client in this context", null);
        }

        @Override
        public String fingerprint(String hostKey) {
            throw new DriverException("no SSH client in this context", null);
        }
    };
}
