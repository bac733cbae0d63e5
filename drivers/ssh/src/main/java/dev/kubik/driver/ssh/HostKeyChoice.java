package dev.kubik.driver.ssh;

import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.ExistingHost;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which host key to pin for an existing host: the one whose fingerprint the script names; with none named, the
 * one the user confirms at a terminal. Never a key nobody checked: a batch run refuses and prints the fingerprint
 * to put in the script.
 */
final class HostKeyChoice {
    private static final Duration SCAN = Duration.ofSeconds(10);

    private HostKeyChoice() {
    }

    static String pin(String machine, ExistingHost host, DriverContext context) {
        List<String> offered;
        try {
            offered = context.ssh().hostKeys(host.endpoint(), SCAN);
        } catch (DriverException unreachable) {
            throw new DriverException(machine + " (" + host.endpoint() + ") cannot be reached: " + unreachable.getMessage(),
                    "check the host's address and SSH port in the script, and that the host is up", unreachable);
        }
        if (host.hostKey() != null) {
            Optional<String> match = offered.stream().filter(k -> context.ssh().fingerprint(k).equals(host.hostKey())).findFirst();
            return match.orElseThrow(() -> new DriverException("the SSH host key of " + machine + " (" + host.endpoint()
                    + ") is not the one the script pins (" + host.hostKey() + "): it offers " + describe(offered, context) + "; refusing to connect",
                    "if the host was reinstalled, check its new key on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) "
                            + "and put it in hostKey; otherwise something is intercepting the connection"));
        }
        String key = offered.get(0);
        String fingerprint = context.ssh().fingerprint(key);
        String type = key.split(" ")[0];
        Optional<Boolean> answer = context.reporter().ask("The host " + host.endpoint() + " for " + machine + " offers the "
                + type + " key " + fingerprint + ". Is this the host you mean? (check on it: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub)");
        if (answer.isEmpty()) {
            throw new DriverException("the script pins no host key for " + machine + " (" + host.endpoint()
                    + "), and nobody is here to confirm the one it offers: " + type + " " + fingerprint,
                    "check that fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then put it in the node block: hostKey '"
                            + fingerprint + "'");
        }
        if (!answer.get()) {
            throw new DriverException("host key " + fingerprint + " of " + machine + " not accepted", "hostKey '…' with the key you expect");
        }
        return key;
    }

    private static String describe(List<String> keys, DriverContext context) {
        return String.join(", ", keys.stream().map(k -> k.split(" ")[0] + " " + context.ssh().fingerprint(k)).toList());
    }
}
