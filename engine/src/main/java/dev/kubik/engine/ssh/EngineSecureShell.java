package dev.kubik.engine.ssh;

import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.SecureShell;
import dev.kubik.spi.SshAccess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The engine's SSH (sshj, pinned host keys), as drivers see it through their context. */
public final class EngineSecureShell implements SecureShell {
    public static final SecureShell INSTANCE = new EngineSecureShell();

    private EngineSecureShell() {
    }

    @Override
    public List<String> hostKeys(Endpoint endpoint, Duration timeout) {
        try {
            return SshRunner.offeredHostKeys(endpoint, timeout);
        } catch (IOException e) {
            throw new DriverException("SSH did not answer: " + e.getMessage(), "check the address and port, and that sshd runs there");
        }
    }

    @Override
    public CommandRunner connect(String machine, SshAccess access, String pinnedHostKey, Duration timeout) {
        try {
            return SshRunner.connect(machine, access.endpoint(), access.user(), access.identity(), pinnedHostKey, timeout);
        } catch (net.schmizz.sshj.userauth.UserAuthException e) {
            throw new DriverException("SSH on " + machine + " (" + access.endpoint() + ") refused " + access.user()
                    + " with the key " + access.identity(), "check user and key in the script: the key's public half must be in "
                    + "~" + access.user() + "/.ssh/authorized_keys on the host", e);
        } catch (IOException e) {
            throw new DriverException("SSH to " + machine + " (" + access.endpoint() + ") failed: " + e.getMessage(),
                    "check that the host is up and sshd listens on that port", e);
        }
    }

    @Override
    public String fingerprint(String hostKey) {
        return PinnedHostKey.fingerprint(hostKey.strip().split("\\s+")[1]);
    }
}
