package dev.kubik.driver.docker;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.Priority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Nodes as systemd containers on podman, with the docker driver's code (minikube's KIC drivers share theirs the
 * same way): podman's CLI is docker's. The differences are podman's: {@code --privileged} as minikube uses it, the
 * /var volume mounted exec, and what a host's podman cannot do found by trial ({@link PodmanQuirks}). Experimental,
 * as in minikube: never auto-selected.
 */
public final class PodmanDriver extends DockerDriver {

    @Override
    String binary() {
        return "podman";
    }

    @Override
    NetworkAllocator.Dialect networkDialect() {
        return NetworkAllocator.Dialect.PODMAN;
    }

    @Override
    public String name() {
        return "podman";
    }

    @Override
    public String description() {
        return "nodes are systemd containers on podman (like minikube's podman driver); macOS and Windows through podman machine";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.LINUX, HostOs.MACOS, HostOs.WINDOWS);
    }

    @Override
    public Priority priority() {
        return Priority.EXPERIMENTAL;
    }

    /** podman can start containers only with the quirks a trial finds; limits are recorded, a disk is a volume. */
    @Override
    public Set<String> resizableInPlace() {
        return Set.of("disk");
    }

    @Override
    public DriverStatus status() {
        DockerCli podman = new DockerCli(binary(), HostCommands.LOCAL);
        CommandResult result;
        try {
            result = podman.run(Duration.ofSeconds(10), List.of("version", "--format", "{{.Version}}"));
        } catch (DriverException e) {
            return DriverStatus.notInstalled("podman is not installed", "install podman (Debian: apt-get install podman)",
                    "https://podman.io/docs/installation");
        }
        if (!result.ok()) {
            return DriverStatus.unhealthy(null, "podman does not answer: " + result.stderr().strip(),
                    "podman system reset, or on macOS/Windows: podman machine start", "https://podman.io/docs");
        }
        String version = result.stdout().strip().lines().reduce((a, b) -> b).orElse("");
        // Rootless podman can run systemd nodes only on cgroup v2 with delegation (minikube's limit, too).
        CommandResult rootless = podman.run(Duration.ofSeconds(10),
                List.of("info", "--format", "{{.Host.Security.Rootless}} {{.Host.CgroupsVersion}}"));
        if (rootless.ok() && rootless.stdout().strip().equals("true v1")) {
            return DriverStatus.unhealthy(version, "rootless podman on cgroup v1 cannot run systemd nodes",
                    "run podman as root (sudo kubik …), or boot with systemd.unified_cgroup_hierarchy=1 for cgroup v2",
                    "https://minikube.sigs.k8s.io/docs/drivers/podman/");
        }
        return DriverStatus.healthy(version + (rootless.ok() && rootless.stdout().startsWith("true") ? " (rootless)" : ""));
    }

    /** Only the disk is resizable, and /var is a volume that grows: a new size is recorded, nothing else changes. */
    @Override
    public MachineRef resize(MachineConfig config, MachineRef machine, DriverContext context) {
        return machine;
    }

    /**
     * Root podman on Linux gets {@code --cgroup-manager cgroupfs} on run and start, as minikube passes it: nested
     * containers in a privileged container need podman to manage their cgroups directly (bugzilla 1687713), not
     * through the host's systemd. Rootless podman keeps its default, and a remote podman (podman machine,
     * CONTAINER_HOST) is configured on its own side.
     */
    static List<String> cgroupManager(HostOs host, String user, String containerHost) {
        boolean local = containerHost == null || containerHost.isBlank();
        return host == HostOs.LINUX && local && "root".equals(user) ? List.of("--cgroup-manager", "cgroupfs") : List.of();
    }

    private static List<String> cgroupManager() {
        return cgroupManager(HostOs.current(), ProcessHandle.current().info().user().orElse(""), System.getenv("CONTAINER_HOST"));
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        List<String> args = new ArrayList<>(List.of("start"));
        args.addAll(cgroupManager());
        args.add(machine.name());
        docker(context).check(args);
        return machine;
    }

    @Override
    List<String> runArguments(MachineConfig config, String ip) {
        List<String> args = new ArrayList<>(super.runArguments(config, ip));
        args.addAll(1, cgroupManager());
        return args;
    }

    /** podman's --mount has no volume labels: the volume is made first, with them. */
    @Override
    void prepareVolume(DockerCli podman, MachineConfig config) {
        CommandResult volume = podman.run("volume", "create", "--label", LABEL_CLUSTER + "=" + config.cluster(),
                "--label", LABEL_NODE + "=" + config.name(), "--label", LABEL_CREATED_BY, config.name());
        // A leftover volume of this node, from an interrupted creation, is refused by podman: it is reused.
        if (!volume.ok() && !volume.stderr().contains("already exists")) {
            throw new DriverException("podman volume create failed: " + volume.stderr().strip(), null);
        }
    }

    /** podman mounts named volumes noexec unless told: /var holds the runtime's binaries and containers. */
    @Override
    List<String> varVolume(MachineConfig config) {
        return List.of("--volume", config.name() + ":/var:exec");
    }

    @Override
    void runNode(DockerCli podman, List<String> args, String image, String mode, String name, DriverContext context) {
        new PodmanQuirks(podman, context.driverDir(name())).run(args, image, name, context.reporter());
    }

    /** A rootless podman's networks live in a namespace of their own, which the host does not route to: SSH always does. */
    @Override
    public java.util.Optional<dev.kubik.spi.Endpoint> directRoute(dev.kubik.spi.MachineRef machine, int port, dev.kubik.spi.DriverContext context) {
        return java.util.Optional.empty();
    }
}
