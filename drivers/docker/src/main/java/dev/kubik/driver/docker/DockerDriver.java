package dev.kubik.driver.docker;

import dev.kubik.spi.Capability;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostMount;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OpenSshKeyPair;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.PortForward;
import dev.kubik.spi.Priority;
import dev.kubik.spi.Reporter;
import dev.kubik.spi.SshAccess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Nodes as systemd containers, the way minikube's KIC driver and kind run them: one docker network per cluster
 * with fixed node addresses, {@code /var} on a per-node volume (nested containers need a real filesystem there),
 * SSH and the API server published on 127.0.0.1 only.
 */
public class DockerDriver implements Driver {
    /** minikube's node image, for hosts that reach a registry. */
    static final String KICBASE = "gcr.io/k8s-minikube/kicbase:v0.0.48@sha256:7171c97a51623558720f8e5878e4f4637da093e2f2ed589997bedc6c1549b2b1";
    static final String LABEL_CLUSTER = "dev.kubik.cluster";
    static final String LABEL_NODE = "dev.kubik.node";
    static final String LABEL_ROLE = "dev.kubik.role";
    static final String LABEL_CREATED_BY = "dev.kubik.created-by=kubik";

    /** The driver state's key for the node's address on the cluster network. */
    private static final String IP = "ip";

    /** The container CLI through the context's host runner: the driver keeps no tools or state of its own. */
    DockerCli docker(DriverContext context) {
        return new DockerCli(binary(), context.host());
    }

    /** The CLI this driver speaks: docker here, podman for {@link PodmanDriver}, whose CLI is compatible. */
    String binary() {
        return "docker";
    }

    NetworkAllocator.Dialect networkDialect() {
        return NetworkAllocator.Dialect.DOCKER;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String description() {
        return "nodes are systemd containers on a docker engine (like minikube's KIC and kind)";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.LINUX, HostOs.MACOS, HostOs.WINDOWS);
    }

    @Override
    public Priority priority() {
        return Priority.HIGHLY_PREFERRED;
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.of(
                OptionSpec.string("image", defaultImage(), "node image; offline hosts build one with scripts/build-node-image.sh"),
                OptionSpec.string("privileges", "auto",
                        "auto: --privileged, or explicit capabilities when the daemon refuses it; privileged; capabilities",
                        "auto", "privileged", "capabilities"),
                OptionSpec.string("subnet", "auto", "the cluster network's /24, e.g. 192.168.49.0/24; auto picks a free one"));
    }

    static String defaultImage() {
        String fromEnv = System.getenv("KUBIK_NODE_IMAGE");
        return fromEnv == null || fromEnv.isBlank() ? KICBASE : fromEnv;
    }

    @Override
    public DriverStatus status() {
        CommandResult result;
        try {
            result = new DockerCli("docker", HostCommands.LOCAL).run(Duration.ofSeconds(6), List.of("version", "--format", "{{.Server.Os}}-{{.Server.Version}}"));
        } catch (DriverException e) {
            return DriverStatus.notInstalled(e.getMessage(), "install docker (Debian: apt-get install docker.io)",
                    "https://docs.docker.com/engine/install/");
        }
        if (!result.ok()) {
            return DriverStatus.unhealthy(null, "the docker daemon does not answer: " + result.stderr().strip(),
                    "start it (systemctl start docker, or run dockerd as root)", "https://docs.docker.com/config/daemon/start/");
        }
        return DriverStatus.healthy(result.stdout().strip());
    }

    /**
     * cpus and memory change live with {@code docker update}. A container has no disk of its own (its /var
     * volume grows as needed, as with minikube's KIC), so a new disk size is recorded and needs no new machine.
     */
    @Override
    public Set<String> resizableInPlace() {
        return Set.of("cpus", "memory", "disk");
    }

    /** Nodes are containers: host folders bind-mount and ports publish (podman inherits both). */
    @Override
    public Set<Capability> capabilities() {
        java.util.EnumSet<Capability> can = java.util.EnumSet.copyOf(Driver.super.capabilities());
        can.addAll(List.of(Capability.MOUNTS, Capability.PORT_FORWARDING));
        return can;
    }

    @Override
    public ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, DriverContext context) {
        return new NetworkAllocator(docker(context), networkDialect()).ensure(cluster, String.valueOf(options.getOrDefault("subnet", "auto")));
    }

    @Override
    public void removeNetwork(String cluster, DriverContext context) {
        CommandResult result = docker(context).run("network", "rm", NetworkAllocator.networkName(cluster));
        if (!result.ok() && !result.stderr().contains("not found")) {
            throw new DriverException("could not remove network " + cluster + ": " + result.stderr().strip(),
                    "remove containers still attached to it: docker network inspect " + cluster);
        }
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        DockerCli docker = docker(context);
        String name = config.name();
        Reporter timings = context.reporter();
        String image = String.valueOf(config.options().getOrDefault("image", defaultImage()));
        if (config.network() == null) {
            throw new DriverException("the docker driver needs the cluster network", null);
        }
        prepareVolume(docker, config);
        String ip = timings.timed(name, binary() + " run", () -> run(docker, config, image, context));
        // The published SSH port is looked up while the node boots, not after.
        CompletableFuture<SshAccess> ssh = CompletableFuture.supplyAsync(() -> ssh(MachineRef.named(name), context));
        String hostKey = timings.timed(name, "ssh keys in", () -> placeKeys(docker, name, config.sshPublicKey()));
        return new CreatedMachine(ip, ssh.join(), List.of(hostKey), Map.of(IP, ip,
                MachineConfig.API_SERVER_PORT_KEY, String.valueOf(config.apiServerPort())));
    }

    /**
     * Runs the node at its preferred address and returns the address. Nothing is looked up first: the image only
     * when the run finds none ({@code --pull never}), the network's used addresses only when the daemon refuses
     * the preferred one (taken by a leftover, or by a parallel creation), so the common case costs one call.
     */
    private String run(DockerCli docker, MachineConfig config, String image, DriverContext context) {
        NetworkAllocator networks = new NetworkAllocator(docker, networkDialect());
        String mode = String.valueOf(config.options().getOrDefault("privileges", "auto"));
        String ip = networks.preferredAddress(config.network(), config.index());
        boolean imageChecked = false;
        for (int attempt = 1; ; attempt++) {
            try {
                runNode(docker, runArguments(config, ip), image, mode, config.name(), context);
                return ip;
            } catch (DriverException e) {
                docker.run("rm", "--force", config.name()); // a refused run leaves its container in state Created
                if (!imageChecked) {
                    imageChecked = true;
                    if (pullIfMissing(docker, image)) continue; // the run failed for want of the image: run again
                }
                if (attempt >= 3 || !NetworkAllocator.addressTaken(String.valueOf(e.getMessage()))) throw e;
                ip = networks.chooseAddress(config.network(), config.index());
            }
        }
    }

    /**
     * The node's /var, a named volume with kubik's labels (so a node is found and removed by label) that the run
     * makes itself through {@code --mount}'s volume-label: no separate {@code volume create}. An existing volume of
     * the same name, left by an interrupted creation, is reused.
     */
    List<String> varVolume(MachineConfig config) {
        return List.of("--mount", "type=volume,source=" + config.name() + ",target=/var"
                + ",volume-label=" + LABEL_CLUSTER + "=" + config.cluster() + ",volume-label=" + LABEL_NODE + "=" + config.name()
                + ",volume-label=" + LABEL_CREATED_BY);
    }

    /** Anything the volume needs before the run; docker's run makes it. */
    void prepareVolume(DockerCli docker, MachineConfig config) {
    }

    /** Runs the node container; {@code args} is the run command without privilege flags and image. */
    void runNode(DockerCli docker, List<String> args, String image, String mode, String name, DriverContext context) {
        new PrivilegeMode(docker, context.driverDir(name())).run(args, image, mode, name, context.reporter());
    }

    /** Pulls the image if it is not here; returns whether it had to (false: it was here all along). */
    private static boolean pullIfMissing(DockerCli docker, String image) {
        if (docker.run("image", "inspect", "--format", "{{.Id}}", image).ok()) return false;
        CommandResult pull = docker.run(Duration.ofMinutes(20), List.of("pull", image));
        if (!pull.ok()) {
            throw new DriverException("node image " + image + " is not here and could not be pulled: "
                    + pull.stderr().strip().lines().reduce((a, b) -> b).orElse(""),
                    "offline? build one: scripts/build-node-image.sh, then KUBIK_NODE_IMAGE=kubik/node:dev or options { image 'kubik/node:dev' }");
        }
        return true;
    }

    /** {@code docker run} arguments, all but the privilege flags and the image. */
    List<String> runArguments(MachineConfig config, String ip) {
        String name = config.name();
        List<String> args = new ArrayList<>(List.of("run", "-d", "-t", "--pull", "never",
                "--name", name, "--hostname", name,
                "--label", LABEL_CLUSTER + "=" + config.cluster(), "--label", LABEL_NODE + "=" + name,
                "--label", LABEL_ROLE + "=" + config.role(), "--label", LABEL_CREATED_BY,
                "--network", config.network().name(), "--ip", ip,

                "--tmpfs", "/tmp", "--tmpfs", "/run",
                "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined",
                "-e", "container=docker",
                // systemd shuts down cleanly on SIGRTMIN+3; docker import cannot bake this into an image.
                "--stop-signal", "SIGRTMIN+3",
                "--publish", "127.0.0.1::22", "--publish", "127.0.0.1::" + config.apiServerPort()));
        args.addAll(cpuLimit(config.cpus()));
        args.addAll(memoryLimit(config.memoryMiB()));
        args.addAll(varVolume(config));
        if (new java.io.File("/lib/modules").isDirectory()) {
            args.addAll(List.of("--volume", "/lib/modules:/lib/modules:ro"));
        }
        for (PortForward port : config.ports()) {
            args.addAll(List.of("--publish", "127.0.0.1:" + port.hostPort() + ":" + port.guestPort()));
        }
        for (HostMount mount : config.mounts()) {
            args.addAll(List.of("--volume", mount.hostPath() + ":" + mount.guestPath()));
        }
        return args;
    }

    /**
     * Puts the engine's public key in for user docker and a host key made here for the node, in one exec whose shell
     * writes them with its own builtins: a booting node pays every process run in it out of its CPU quota (measured
     * in its cgroup: ~25 ms for the exec itself, ~4 ms per further process). The keys travel on standard input,
     * never in a command line. The host key is the node's alone, made for it and never kept here, so nothing waits
     * for the node to make one and the engine pins it without asking the network; it lands while systemd is still
     * starting (the image's sshd unit makes a key only when it finds none), and in one rename, so sshd never reads
     * half of it. authorized_keys is written as root, readable by all (sshd reads it as the user; its strict modes
     * accept a root-owned file), into user docker's .ssh, made only when the image has none.
     * <p>
     * (Copying the files in through the daemon's archive API instead, {@code docker cp -}, ran nothing in the node,
     * but four nodes copied at once took ~0.5 s longer to create than with this exec: measured side by side.)
     */
    private static String placeKeys(DockerCli docker, String name, String publicKey) {
        OpenSshKeyPair hostKey = OpenSshKeyPair.generate("root@" + name);
        String script = "set -e; IFS= read -r user; IFS= read -r host; "
                + "[ -d ~docker/.ssh ] || install -d -m 700 -o docker -g docker ~docker/.ssh; "
                + "umask 022; printf '%s\\n' \"$user\" > ~docker/.ssh/authorized_keys; "
                + "printf '%s\\n' \"$host\" > " + HOST_KEY + ".pub; "
                + "umask 077; while IFS= read -r line; do printf '%s\\n' \"$line\"; done > " + HOST_KEY + ".kubik; "
                + "mv -f " + HOST_KEY + ".kubik " + HOST_KEY;
        String input = publicKey.strip() + "\n" + hostKey.publicLine() + "\n" + hostKey.privatePem();
        CommandResult result = docker.run(Duration.ofSeconds(60), input.getBytes(StandardCharsets.US_ASCII),
                List.of("exec", "-i", name, "bash", "-c", script));
        if (!result.ok()) {
            throw new DriverException("could not put the SSH keys into " + name + ": " + result.stderr().strip(),
                    "is the node image kicbase-compatible (sshd, a user docker, bash)? see scripts/build-node-image.sh");
        }
        return hostKey.publicLine();
    }

    /** The host key's file, the one sshd's unit in kubik's image makes when it finds none. */
    private static final String HOST_KEY = "/etc/ssh/ssh_host_ed25519_key";

    /**
     * The node's CPU share as a CFS quota over a 10 ms period, not {@code --cpus}, which gives the same share over
     * docker's 100 ms period. A node that has used its quota waits for the next period: up to tens of milliseconds
     * at 100 ms, and a booting node uses its quota in most periods, so every round trip to it (an SSH key exchange,
     * each command) could wait that long. At 10 ms the waits are ten times shorter and the share is the same (the
     * reason kubelet has {@code --cpu-cfs-quota-period}). Measured side by side with bench/nodes.sh, the raw node on
     * the same flags: one node 1.08x and 1.18x the raw time at 100 ms, 1.03x and 1.03x at 10 ms.
     */
    static List<String> cpuLimit(int cpus) {
        return List.of("--cpu-period", String.valueOf(CPU_PERIOD_MICROS), "--cpu-quota", String.valueOf(cpus * CPU_PERIOD_MICROS));
    }

    private static final long CPU_PERIOD_MICROS = 10_000;

    /** Memory without swap beyond it, as a node is sized. */
    private static List<String> memoryLimit(long memoryMiB) {
        return List.of("--memory", memoryMiB + "m", "--memory-swap", memoryMiB + "m");
    }

    /**
     * A node keeps the form its CPU limit was made in: docker refuses to turn one form into the other, and nodes
     * made before {@link #cpuLimit} have {@code --cpus}.
     */
    @Override
    public MachineRef resize(MachineConfig config, MachineRef machine, DriverContext context) {
        DockerCli docker = docker(context);
        boolean madeWithCpus = !docker.check("container", "inspect", "--format", "{{.HostConfig.NanoCpus}}", machine.name()).equals("0");
        List<String> update = new ArrayList<>(List.of("update"));
        update.addAll(madeWithCpus ? List.of("--cpus", String.valueOf(config.cpus())) : cpuLimit(config.cpus()));
        update.addAll(memoryLimit(config.memoryMiB()));
        update.add(machine.name());
        docker.check(update);
        return machine;
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        docker(context).check("start", machine.name());
        return machine;
    }

    @Override
    public void stop(MachineRef machine, DriverContext context) {
        docker(context).check(List.of("stop", "--time", "30", machine.name()));
    }

    @Override
    public void remove(MachineRef machine, DriverContext context) {
        DockerCli docker = docker(context);
        CommandResult rm = docker.run("rm", "--force", "--volumes", machine.name());
        if (!rm.ok() && !rm.stderr().contains("No such container")) {
            throw new DriverException("could not remove " + machine.name() + ": " + rm.stderr().strip(), null);
        }
        CommandResult volume = docker.run("volume", "rm", "--force", machine.name());
        if (!volume.ok()) {
            throw new DriverException("could not remove volume " + machine.name() + ": " + volume.stderr().strip(), null);
        }
    }

    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        CommandResult result = docker(context).run("container", "inspect", "--format", "{{.State.Status}}", machine.name());
        if (!result.ok()) {
            if (result.stderr().contains("No such")) return MachineState.MISSING;
            throw new DriverException("docker container inspect failed: " + result.stderr().strip(), null);
        }
        return switch (result.stdout().strip()) {
            case "running", "restarting" -> MachineState.RUNNING;
            case "paused" -> MachineState.PAUSED;
            case "created", "exited" -> MachineState.STOPPED;
            default -> MachineState.ERROR;
        };
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        // A node keeps the address it was run with (--ip) for its life: recorded at creation, asked only without.
        String recorded = machine.state().get(IP);
        if (recorded != null) return recorded;
        return docker(context).check("container", "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", machine.name());
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        return SshAccess.node(published(docker(context), machine.name(), 22));
    }

    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return published(docker(context), machine.name(), MachineConfig.apiServerPort(machine));
    }

    /**
     * On Linux a local daemon's bridge networks are the host's own: the node's address is reached as it is. Docker
     * Desktop's (macOS, Windows) and a remote daemon's are not, and kubik forwards through SSH there.
     */
    @Override
    public Optional<Endpoint> directRoute(MachineRef machine, int port, DriverContext context) {
        String daemon = System.getenv("DOCKER_HOST");
        boolean local = daemon == null || daemon.isBlank() || daemon.startsWith("unix://");
        return HostOs.current() == HostOs.LINUX && local ? Optional.of(new Endpoint(ip(machine, context), port)) : Optional.empty();
    }

    private static Endpoint published(DockerCli docker, String machine, int port) {
        String mapping = docker.check("port", machine, port + "/tcp").lines().findFirst()
                .orElseThrow(() -> new DriverException(machine + " does not publish port " + port, "recreate the machine"));
        int colon = mapping.lastIndexOf(':');
        return new Endpoint(mapping.substring(0, colon), Integer.parseInt(mapping.substring(colon + 1)));
    }

    /** {@code docker exec -i} as root: the argument vector goes to docker as it is, never through a shell. */
    @Override
    public Optional<CommandRunner> localRunner(MachineRef machine, DriverContext context) {
        DockerCli docker = docker(context);
        return Optional.of(new CommandRunner() {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                return run(argv, InputStream.nullInputStream(), timeout);
            }

            @Override
            public CommandResult run(List<String> argv, InputStream input, Duration timeout) {
                List<String> args = new ArrayList<>(List.of("exec", "-i", machine.name()));
                args.addAll(argv);
                return docker.run(timeout, input, args);
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
                throw new UnsupportedOperationException("the local channel is for streams; files go over SSH");
            }
        });
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        String names = docker(context).check("ps", "--all", "--filter", "label=" + LABEL_CLUSTER + "=" + cluster, "--format", "{{.Names}}");
        return Arrays.stream(names.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }
}
