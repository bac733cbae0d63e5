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

    /** A shell test that the runtime's command, in {@code $c}, is installed. */
    static final String INSTALLED_TEST = "{ command -v \"$c\" >/dev/null || [ -x /usr/sbin/\"$c\" ] || [ -x /usr/bin/\"$c\" ]; }";

    /** The command whose presence says the runtime is installed. */
    static String command(ContainerRuntime runtime) {
        List<String> known = PACKAGES.get(runtime.name());
        return known == null ? runtime.unit() : known.get(0);
    }

    static void installIfMissing(NodeContext node, ContainerRuntime runtime) {
        if (!node.runner().run(List.of("sh", "-c", "c=$1; " + INSTALLED_TEST, "sh", command(runtime)), Duration.ofSeconds(10)).ok()) {
            install(node, runtime);
        }
    }

    /** Installs the runtime's package with the host's package manager, or says why kubik cannot. */
    static void install(NodeContext node, ContainerRuntime runtime) {
        List<String> known = PACKAGES.get(runtime.name());
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
