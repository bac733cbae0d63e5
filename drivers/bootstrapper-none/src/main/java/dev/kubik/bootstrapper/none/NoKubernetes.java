package dev.kubik.bootstrapper.none;

import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.ShellWords;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Machines and a container runtime, no Kubernetes: what {@code minikube start --no-kubernetes} leaves. The
 * runtime is enabled, started, and asked for its version until it answers.
 */
public class NoKubernetes implements Bootstrapper {
    /** systemd unit and a command that answers only when the runtime's daemon does, per runtime. */
    private static final Map<String, List<String>> UNITS = Map.of(
            "containerd", List.of("containerd", "ctr", "version"),
            "docker", List.of("docker", "docker", "version"),
            "cri-o", List.of("crio", "crictl", "--runtime-endpoint", "unix:///var/run/crio/crio.sock", "version"));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "machines and a container runtime only, no Kubernetes";
    }

    @Override
    public boolean installsKubernetes() {
        return false;
    }

    @Override
    public List<String> runtimes() {
        return List.of("containerd", "docker", "cri-o");
    }

    @Override
    public void prepareRuntime(NodeContext node) {
        List<String> spec = UNITS.get(node.runtime());
        if (spec == null) {
            throw new DriverException("unknown runtime " + node.runtime(), "use one of " + String.join(", ", runtimes()));
        }
        String unit = spec.get(0);
        List<String> probe = spec.subList(1, spec.size());
        // Most node images start the runtime at boot: ask it first (one round trip), enable it only when needed.
        String answersAndEnabled = ShellWords.join(probe) + " >/dev/null && systemctl is-enabled --quiet " + ShellWords.quote(unit);
        if (node.runner().run(List.of("sudo", "sh", "-c", answersAndEnabled), Duration.ofSeconds(10)).ok()) return;
        CommandResult enable = node.runner().run(List.of("sudo", "systemctl", "enable", "--now", unit), Duration.ofSeconds(60));
        if (!enable.ok()) {
            throw new DriverException(node.runtime() + " could not be started on " + node.name() + ": " + enable.stderr().strip(),
                    "is " + node.runtime() + " installed in the node image? kubik ssh -n " + node.name() + " -- systemctl status " + unit);
        }
        waitUntilAnswering(node, probe);
    }

    private static List<String> sudo(List<String> command) {
        List<String> withSudo = new java.util.ArrayList<>(List.of("sudo"));
        withSudo.addAll(command);
        return withSudo;
    }

    private static void waitUntilAnswering(NodeContext node, List<String> probe) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        CommandResult last;
        do {
            last = node.runner().run(sudo(probe), Duration.ofSeconds(10));
            if (last.ok()) return;
            sleep();
        } while (System.nanoTime() < deadline);
        throw new DriverException(node.runtime() + " on " + node.name() + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s: " + last.stderr().strip(),
                "kubik ssh -n " + node.name() + " -- sudo journalctl -u " + UNITS.get(node.runtime()).get(0));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", null, e);
        }
    }

    /** Nothing to initialise: there is no control plane. */
    @Override
    public void initControlPlane(NodeContext node) {
    }

    /** Nothing to join: machines share a network and nothing else. */
    @Override
    public void join(NodeContext node, NodeContext controlPlane) {
    }

    /** Nothing was installed beyond the runtime, which goes with the machine. */
    @Override
    public void reset(NodeContext node) {
    }
}
