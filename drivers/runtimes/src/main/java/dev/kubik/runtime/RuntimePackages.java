package dev.kubik.runtime;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostFootprint;
import dev.kubik.spi.NodeContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs a runtime that a host lacks (an existing host kubik adopted; its own nodes have one) with the host's
 * package manager, as its distribution packages it: the same packages kubik's node image is built from. Each
 * package kubik installs is noted in the host's {@link HostFootprint}, so releasing the host removes it.
 */
final class RuntimePackages {
    /** Runtime → the command it needs on the host and its package in the Debian and Fedora families. */
    private static final Map<String, List<String>> PACKAGES = Map.of("containerd", List.of("containerd", "containerd", "containerd"));
    private static final Duration INSTALL = Duration.ofMinutes(10);

    private RuntimePackages() {
    }

    static void installIfMissing(NodeContext node, ContainerRuntime runtime) {
        List<String> known = PACKAGES.get(runtime.name());
        String command = known == null ? runtime.unit() : known.get(0);
        if (node.runner().run(List.of("sh", "-c", "command -v \"$1\" || [ -x /usr/sbin/\"$1\" ] || [ -x /usr/bin/\"$1\" ]", "sh", command),
                Duration.ofSeconds(10)).ok()) {
            return;
        }
        String family = node.runner().run(List.of("sh", "-c", ". /etc/os-release 2>/dev/null; echo \"$ID $ID_LIKE\""),
                Duration.ofSeconds(10)).stdout().strip();
        boolean debian = family.matches(".*\\b(debian|ubuntu)\\b.*");
        boolean fedora = family.matches(".*\\b(fedora|rhel|centos)\\b.*");
        if (known == null || !(debian || fedora)) {
            throw new DriverException(node.name() + " has no " + runtime.name() + ", and kubik installs "
                    + (known == null ? "only containerd" : "runtimes only on Debian, Ubuntu and Fedora-family hosts")
                    + " (this one says '" + (family.isEmpty() ? "no /etc/os-release" : family) + "')",
                    "install " + runtime.name() + " on the host yourself, then run the script again");
        }
        String pkg = debian ? known.get(1) : known.get(2);
        node.reporter().info("Installing " + pkg + " on " + node.name() + " with " + (debian ? "apt-get" : "dnf"));
        List<String> install = debian
                ? List.of("sudo", "sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \"$1\" >/dev/null "
                        + "|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \"$1\" >/dev/null; }", "sh", pkg)
                : List.of("sudo", "dnf", "install", "-y", "-q", pkg);
        CommandResult result = node.runner().run(install, INSTALL);
        if (!result.ok()) {
            throw new DriverException("installing " + pkg + " on " + node.name() + " failed: " + result.stderr().strip(),
                    "install it on the host yourself (its package sources must be reachable), then run the script again");
        }
        node.runner().run(HostFootprint.notePackage(pkg), Duration.ofSeconds(10));
    }
}
