package dev.kubik.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The container runtimes a node can run: their systemd units, CRI sockets, and how to know they answer. */
public final class ContainerRuntimes {
    /**
     * Runtime → systemd unit, CRI socket, a command that answers only when the daemon does, one that imports an
     * image archive (docker save's format) from standard input where the kubelet will find it, and one that lists
     * those images, a reference per line.
     */
    private record Runtime(String unit, String criSocket, List<String> probe, List<String> imageImport,
                           List<String> imageList) {
    }

    private static final Map<String, Runtime> RUNTIMES = Map.of(
            "containerd", new Runtime("containerd", "unix:///run/containerd/containerd.sock", List.of("ctr", "version"),
                    List.of("ctr", "--namespace", "k8s.io", "images", "import", "-"),
                    List.of("ctr", "--namespace", "k8s.io", "images", "list", "--quiet")),
            "docker", new Runtime("cri-docker", "unix:///var/run/cri-dockerd.sock", List.of("docker", "version"),
                    List.of("docker", "load"), List.of("docker", "images", "--format", "{{.Repository}}:{{.Tag}}")),
            // podman and CRI-O share /var/lib/containers/storage, so what podman loads the kubelet sees.
            "cri-o", new Runtime("crio", "unix:///var/run/crio/crio.sock",
                    List.of("crictl", "--runtime-endpoint", "unix:///var/run/crio/crio.sock", "version"),
                    List.of("podman", "load"), List.of("podman", "images", "--format", "{{.Repository}}:{{.Tag}}")));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private ContainerRuntimes() {
    }

    public static List<String> names() {
        return List.of("containerd", "docker", "cri-o");
    }

    /** The CRI socket the kubelet talks to for this runtime. */
    public static String criSocket(String runtime) {
        return runtime(runtime).criSocket();
    }

    /** The systemd unit that runs this runtime's CRI endpoint. */
    public static String unit(String runtime) {
        return runtime(runtime).unit();
    }

    /** The command (run as root) that reads an image archive on standard input into this runtime's image store. */
    public static List<String> imageImport(String runtime) {
        List<String> command = new ArrayList<>(List.of("sudo"));
        command.addAll(runtime(runtime).imageImport());
        return command;
    }

    /** The command (run as root) that prints the images in this runtime's store, one reference per line. */
    public static List<String> imageList(String runtime) {
        List<String> command = new ArrayList<>(List.of("sudo"));
        command.addAll(runtime(runtime).imageList());
        return command;
    }

    /** Makes sure the node's runtime is enabled, started and answering. */
    public static void start(NodeContext node) {
        Runtime runtime = runtime(node.runtime());
        // Most node images start the runtime at boot: ask it first (one round trip), enable it only when needed.
        String answersAndEnabled = ShellWords.join(runtime.probe()) + " >/dev/null && systemctl is-enabled --quiet "
                + ShellWords.quote(runtime.unit());
        if (node.runner().run(List.of("sudo", "sh", "-c", answersAndEnabled), Duration.ofSeconds(10)).ok()) return;
        CommandResult enable = node.runner().run(List.of("sudo", "systemctl", "enable", "--now", runtime.unit()),
                Duration.ofSeconds(60));
        if (!enable.ok()) {
            throw new DriverException(node.runtime() + " could not be started on " + node.name() + ": " + enable.stderr().strip(),
                    "is " + node.runtime() + " installed in the node image? kubik ssh -n " + node.name()
                            + " -- systemctl status " + runtime.unit());
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<String> probe = new ArrayList<>(List.of("sudo"));
        probe.addAll(runtime.probe());
        CommandResult last;
        do {
            last = node.runner().run(probe, Duration.ofSeconds(10));
            if (last.ok()) return;
            Pause.millis(200);
        } while (System.nanoTime() < deadline);
        throw new DriverException(node.runtime() + " on " + node.name() + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s: " + last.stderr().strip(),
                "kubik ssh -n " + node.name() + " -- sudo journalctl -u " + runtime.unit());
    }

    private static Runtime runtime(String name) {
        Runtime runtime = RUNTIMES.get(name);
        if (runtime == null) {
            throw new DriverException("unknown runtime " + name, "use one of " + String.join(", ", names()));
        }
        return runtime;
    }

}
