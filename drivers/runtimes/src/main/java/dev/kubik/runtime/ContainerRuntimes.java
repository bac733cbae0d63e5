package dev.kubik.runtime;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Pause;
import dev.kubik.spi.ShellWords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The runtimes kubik knows, by name, and what every runtime needs done the same way. */
public final class ContainerRuntimes {
    private static final List<ContainerRuntime> ALL = List.of(new Containerd(), new DockerEngine(), new CriO());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private ContainerRuntimes() {
    }

    /** Every runtime's name, the default (containerd) first. */
    public static List<String> names() {
        return ALL.stream().map(ContainerRuntime::name).toList();
    }

    public static ContainerRuntime of(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new DriverException(
                "unknown runtime " + name, "use one of " + String.join(", ", names())));
    }

    /** A runtime command as root. */
    public static List<String> asRoot(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("sudo"));
        argv.addAll(command);
        return argv;
    }

    /**
     * A pause or resume script as {@link ContainerRuntime#pauseContainers} returns it: {@code script} reads the
     * state to act on as $0 and the runtime's verb as $1 (empty: only list the containers in that state, as
     * {@link ContainerRuntime#pausedContainers} does), shifts, and takes the namespaces as its arguments.
     */
    static List<String> pauseScript(String script, String from, String verb, List<String> namespaces) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "from=$0; verb=$1; shift; " + script, from, verb));
        argv.addAll(namespaces);
        return argv;
    }

    /** Makes sure the node's runtime is enabled, started and answering. */
    public static void start(NodeContext node) {
        start(node, of(node.runtime()));
    }

    /** As {@link #start(NodeContext)}, for the runtime as given (as {@link ContainerRuntime#withoutKubernetes()} has it). */
    public static void start(NodeContext node, ContainerRuntime runtime) {
        // Most node images start the runtime at boot: ask first (one round trip), enable it only when needed.
        if (node.reporter().timed(node.name(), "runtime probe", () -> ready(node, runtime))) return;
        node.reporter().timed(node.name(), "runtime start", () -> enableAndAwait(node, runtime));
    }

    /**
     * Whether the runtime serves and starts at boot: systemd's answer where it has one ({@link UnitReadiness}), else
     * the daemon's own to its client, as root, with the enabled test in the same command.
     */
    private static boolean ready(NodeContext node, ContainerRuntime runtime) {
        return switch (UnitReadiness.of(runtime, node.runner())) {
            case READY -> true;
            case NOT_READY -> false;
            case ASK_THE_DAEMON -> node.runner().run(List.of("sudo", "sh", "-c",
                    ShellWords.join(runtime.probe()) + " >/dev/null && " + enabled(runtime.unit())), Duration.ofSeconds(10)).ok();
        };
    }

    /**
     * A shell test that the unit is enabled: first the link {@code systemctl enable} makes for a unit wanted by
     * multi-user.target (as every runtime's unit is), which the shell tests without a process, and only without it
     * systemctl's own answer ({@code systemctl is-enabled} costs a booting node ~25 ms of CPU, measured in its cgroup).
     */
    static String enabled(String unit) {
        String service = unit.contains(".") ? unit : unit + ".service";
        return "{ [ -e /etc/systemd/system/multi-user.target.wants/" + ShellWords.quote(service) + " ] || systemctl is-enabled --quiet "
                + ShellWords.quote(unit) + "; }";
    }

    private static void enableAndAwait(NodeContext node, ContainerRuntime runtime) {
        RuntimePackages.installIfMissing(node, runtime);
        CommandResult enable = node.runner().run(List.of("sudo", "systemctl", "enable", "--now", runtime.unit()),
                Duration.ofSeconds(60));
        if (!enable.ok()) {
            throw new DriverException(node.runtime() + " could not be started on " + node.name() + ": " + enable.stderr().strip(),
                    "is " + node.runtime() + " installed in the node image? kubik ssh -n " + node.name()
                            + " -- systemctl status " + runtime.unit());
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        CommandResult last;
        do {
            last = node.runner().run(asRoot(runtime.probe()), Duration.ofSeconds(10));
            if (last.ok()) return;
            Pause.millis(200);
        } while (System.nanoTime() < deadline);
        throw new DriverException(node.runtime() + " on " + node.name() + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s: " + last.stderr().strip(),
                "kubik ssh -n " + node.name() + " -- sudo journalctl -u " + runtime.unit());
    }
}
