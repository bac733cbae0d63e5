package dev.kubik.driver.qemu;

import dev.kubik.driver.vmkit.Boot2DockerDisk;
import dev.kubik.driver.vmkit.ClusterTag;
import dev.kubik.driver.vmkit.IsoImage;
import dev.kubik.driver.vmkit.MacAddress;
import dev.kubik.driver.vmkit.MachineDirectory;
import dev.kubik.driver.vmkit.NodeIso;
import dev.kubik.driver.vmkit.SerialHostKeys;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SettingProblem;
import dev.kubik.spi.SshAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Nodes as qemu virtual machines, booted from the node ISO's kernel and initrd (with -kernel/-initrd: through the
 * emulated CD it is 10 s slower), the boot2docker data disk as virtio-blk, user-mode networking with SSH and the
 * API server forwarded to 127.0.0.1, a multicast cluster network on loopback, a serial console to a log (the host
 * keys come from there), QMP for state and a graceful stop. A machine's files live in its directory; its settings
 * (MAC, ports, size, boot files) are the driver state the engine keeps and hands back.
 */
public final class QemuDriver implements Driver {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /** From launch to host keys on the serial console: ~35 s under TCG here (../reference/qemu.md), 5 s with KVM. */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    /** From launch to the kernel's first byte on the console: well under 2 s here, under TCG too. */
    static final Duration FIRST_OUTPUT = Duration.ofSeconds(20);

    private final Duration bootTimeout;

    public QemuDriver() {
        this(BOOT_TIMEOUT);
    }

    /** @param bootTimeout from launch to the host keys on the console (tests make it short) */
    QemuDriver(Duration bootTimeout) {
        this.bootTimeout = bootTimeout;
    }

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public List<String> aliases() {
        return List.of("qemu2");
    }

    @Override
    public String description() {
        return "nodes are qemu virtual machines (KVM or HVF, else emulation) from the kubik node ISO";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.LINUX, HostOs.MACOS);
    }

    @Override
    public Priority priority() {
        return Priority.DEFAULT;
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.of(
                OptionSpec.string("iso", "auto", "the node ISO: a path or an https URL; auto: KUBIK_NODE_ISO, else the "
                        + "one scripts/build-node-iso.sh built, else minikube's " + NodeIso.MINIKUBE_VERSION + " ISO (downloaded)"),
                OptionSpec.string("accel", "auto", "auto: KVM on Linux, HVF on macOS, else emulation (TCG); or kvm, hvf, tcg",
                        "auto", "kvm", "hvf", "tcg"),
                OptionSpec.string("network", "socket",
                        "socket: a cluster network on loopback, nodes reach each other; user: SSH only, one node",
                        "socket", "user"));
    }

    static String binary() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? "qemu-system-aarch64" : "qemu-system-x86_64";
    }

    @Override
    public DriverStatus status() {
        try {
            Process process = new ProcessBuilder(binary(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return DriverStatus.unhealthy(null, binary() + " --version failed: " + out, "reinstall qemu", null);
            }
            String version = out.lines().findFirst().orElse("").replaceFirst(".*version ", "").replaceFirst(" .*", "");
            return DriverStatus.healthy(version);
        } catch (IOException e) {
            return DriverStatus.notInstalled(binary() + " is not installed",
                    "install qemu (Debian: apt-get install qemu-system-x86 qemu-utils; macOS: brew install qemu)",
                    "https://www.qemu.org/download/");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DriverStatus.unhealthy(null, "interrupted", null, null);
        }
    }

    /** User networking gives each VM a network of its own: a second node could not reach the first. */
    @Override
    public List<SettingProblem> validate(Map<String, Object> options, int nodes) {
        if (nodes > 1 && "user".equals(options.get("network"))) {
            return List.of(new SettingProblem("options.network", "network 'user' gives each VM a network of its own: "
                    + "the " + nodes + " nodes could not reach each other", "options { network 'socket' } (the default) "
                    + "for more than one node"));
        }
        return List.of();
    }

    @Override
    public Set<String> resizableInPlace() {
        return Set.of("cpus", "memory"); // applied by a restart
    }

    @Override
    public ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, DriverContext context) {
        return QemuNetworks.describe(cluster, QemuNetworks.ensure(context.home(), cluster));
    }

    @Override
    public void removeNetwork(String cluster, DriverContext context) {
        QemuNetworks.remove(context.home(), cluster);
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        QemuFiles files = new QemuFiles(context.machineDir(config.name()));
        // Only a creation interrupted before the engine recorded it leaves a VM here: start afresh.
        remove(MachineRef.named(config.name()), context);
        Path iso = NodeIso.resolve(String.valueOf(config.options().get("iso")), context);
        if (!Files.isRegularFile(iso)) {
            throw new DriverException("no node ISO at " + iso, "build it offline with scripts/build-node-iso.sh, or set "
                    + "options { iso '/path/to/kubik-node.iso' } or KUBIK_NODE_ISO");
        }
        boolean kubikIso = NodeIso.isKubik(iso);
        String network = String.valueOf(config.options().get("network"));
        if (config.index() > 0 && (network.equals("user") || !kubikIso)) {
            throw new DriverException((network.equals("user") ? "network 'user' gives each VM a network of its own"
                    : iso + " is not kubik's node ISO and cannot join a cluster network") + ": " + config.name()
                    + " could not reach the other nodes", network.equals("user")
                    ? "use options { network 'socket' } (the default) for more than one node"
                    : "build kubik's ISO with scripts/build-node-iso.sh for more than one node");
        }
        QemuNetworks.Slot slot = QemuNetworks.ensure(context.home(), config.cluster());
        try {
            Files.createDirectories(files.dir());
            ClusterTag.write(files.dir(), name(), config.cluster());
            Path boot = bootFiles(iso, context.cache());
            Accelerator.Choice accel = Accelerator.choose(String.valueOf(config.options().get("accel")), binary(),
                    boot.resolve("bzimage"), context.driverDir(name()).resolve("accelerators"));
            if (accel.accel().equals("tcg")) context.reporter().warn("qemu runs " + config.name() + " under emulation: " + accel.why());
            QemuMachine machine = new QemuMachine(config.name(), files, config.index(), config.cpus(),
                    config.memoryMiB(), config.diskMiB(), MacAddress.random().toString(), slot.address(config.index()),
                    0, 0, network.equals("user") || !kubikIso ? 0 : slot.port(), boot.resolve("bzimage").toString(),
                    boot.resolve("initrd").toString(), accel.accel(), config.apiServerPort());
            Boot2DockerDisk.create(machine.disk(), config.sshPublicKey(), config.diskMiB());
            QemuMachine running = launch(machine);
            List<String> hostKeys = kubikIso ? hostKeys(running, bootTimeout) : List.of();
            if (!kubikIso) context.reporter().warn(iso.getFileName() + " does not print its SSH host key to the serial "
                    + "console: " + config.name() + "'s key is pinned when it first answers on 127.0.0.1");
            return new CreatedMachine(running.clusterIp(), ssh(running), hostKeys, running.state());
        } catch (IOException | RuntimeException e) {
            // Nothing the engine has not recorded may stay behind: a VM left booting would hold its ports and CPU.
            remove(MachineRef.named(config.name()), context);
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new DriverException("cannot create " + config.name() + ": " + e.getMessage(), null, e);
        }
    }

    /** The ISO's kernel and initrd, extracted once per ISO (by path, size and time) into the cache. */
    private static synchronized Path bootFiles(Path iso, Path cache) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(iso, BasicFileAttributes.class);
        String key = Integer.toHexString((iso.toAbsolutePath() + ":" + attributes.size() + ":"
                + attributes.lastModifiedTime().toMillis()).hashCode());
        Path dir = cache.resolve("qemu-boot").resolve(key);
        if (Files.isRegularFile(dir.resolve("initrd"))) return dir;
        Files.createDirectories(dir);
        try (IsoImage image = IsoImage.open(iso)) {
            image.extract("/boot/bzimage", dir.resolve("bzimage"));
            image.extract("/boot/initrd", dir.resolve("initrd")); // last: its presence means both are there
        }
        return dir;
    }

    /** Boots the machine on fresh host ports (those of its last run may be taken); returns it with them. */
    private QemuMachine launch(QemuMachine machine) throws IOException {
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            QemuMachine withPorts = machine.withPorts(freePort(), freePort(), machine.clusterPort());
            Files.deleteIfExists(withPorts.serialLog());
            Process process = new ProcessBuilder(QemuCommand.argv(withPorts))
                    .redirectErrorStream(true).redirectOutput(withPorts.stderrLog().toFile()).start();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new DriverException("qemu did not start " + machine.name() + " within 60 s", "see " + withPorts.stderrLog());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted while starting " + machine.name(), null, e);
            }
            if (process.exitValue() == 0) return withPorts; // -daemonize: the parent exits once the VM runs
            failure = Files.readString(withPorts.stderrLog()).strip();
            if (!failure.contains("host forwarding")) break;
        }
        throw new DriverException("qemu could not start " + machine.name() + ": " + failure, "see " + machine.stderrLog());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * This boot's keys from the serial console (qemu truncates the log at each start), ed25519 first. A console still
     * empty at {@link #FIRST_OUTPUT} is a guest that does not run, reported then rather than at the boot timeout.
     */
    private static List<String> hostKeys(QemuMachine machine, Duration bootTimeout) {
        try {
            return SerialHostKeys.await(machine.serialLog(), 0, bootTimeout, FIRST_OUTPUT,
                    () -> machine.files().process().isPresent(), machine.name());
        } catch (SerialHostKeys.SilentConsoleException e) {
            String accel = machine.accel().toUpperCase();
            throw new DriverException(e.getMessage() + " (under " + accel + ")", machine.accel().equals("tcg")
                    ? "see " + machine.stderrLog() : "this host's " + accel + " does not run guests: set options { accel 'tcg' }", e);
        } catch (IOException e) {
            throw new DriverException(e.getMessage(), "see " + machine.serialLog() + " and " + machine.stderrLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while " + machine.name() + " booted", null, e);
        }
    }

    private static QemuMachine machine(MachineRef ref, DriverContext context) {
        return QemuMachine.of(ref, context.machineDir(ref.name()));
    }

    private static QemuFiles files(MachineRef ref, DriverContext context) {
        return new QemuFiles(context.machineDir(ref.name()));
    }

    @Override
    public MachineRef resize(MachineConfig config, MachineRef ref, DriverContext context) {
        QemuMachine resized = machine(ref, context).withSize(config.cpus(), config.memoryMiB());
        if (resized.files().process().isEmpty()) return resized.ref();
        stop(ref, context);
        return start(resized.ref(), context);
    }

    @Override
    public MachineRef start(MachineRef ref, DriverContext context) {
        QemuMachine machine = machine(ref, context);
        if (machine.files().process().isPresent()) return ref;
        cleanStale(machine.files());
        try {
            return launch(machine).ref();
        } catch (IOException e) {
            throw new DriverException("cannot start " + ref.name() + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public void stop(MachineRef ref, DriverContext context) {
        QemuFiles files = files(ref, context);
        var process = files.process();
        if (process.isEmpty()) {
            cleanStale(files);
            return;
        }
        try {
            Qmp.execute(files.qmpSocket(), "{\"execute\":\"system_powerdown\"}");
            process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception gracefulFailed) {
            kill(files);
        }
        cleanStale(files);
    }

    private static void kill(QemuFiles files) {
        files.process().ifPresent(p -> {
            try {
                Qmp.execute(files.qmpSocket(), "{\"execute\":\"quit\"}");
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // Reported by the state that follows.
                }
            }
        });
    }

    /** A qemu killed from outside leaves its pid file and socket; they must not be taken for a running VM. */
    private static void cleanStale(QemuFiles files) {
        if (files.process().isPresent()) return;
        try {
            Files.deleteIfExists(files.pidFile());
            Files.deleteIfExists(files.qmpSocket());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(MachineRef ref, DriverContext context) {
        QemuFiles files = files(ref, context);
        kill(files);
        MachineDirectory.remove(files.dir());
    }

    @Override
    public MachineState state(MachineRef ref, DriverContext context) {
        QemuFiles files = files(ref, context);
        if (!Files.isRegularFile(files.disk())) return MachineState.MISSING;
        return files.process().isPresent() ? MachineState.RUNNING : MachineState.STOPPED;
    }

    @Override
    public String ip(MachineRef ref, DriverContext context) {
        return machine(ref, context).clusterIp();
    }

    @Override
    public SshAccess ssh(MachineRef ref, DriverContext context) {
        return ssh(machine(ref, context));
    }

    private static SshAccess ssh(QemuMachine machine) {
        return SshAccess.node(new Endpoint("127.0.0.1", machine.sshPort()));
    }

    @Override
    public Endpoint apiServerEndpoint(MachineRef ref, DriverContext context) {
        return new Endpoint("127.0.0.1", machine(ref, context).apiPort());
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return ClusterTag.machinesOf(context, name(), cluster);
    }
}
