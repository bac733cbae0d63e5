package dev.kubik.driver.qemu;

import dev.kubik.driver.vmkit.Boot2DockerDisk;
import dev.kubik.driver.vmkit.IsoImage;
import dev.kubik.driver.vmkit.MacAddress;
import dev.kubik.driver.vmkit.SerialHostKeys;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.KubikPaths;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.Priority;
import dev.kubik.spi.Reporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Nodes as qemu virtual machines, booted from the node ISO's kernel and initrd (with -kernel/-initrd: through the
 * emulated CD it is 10 s slower), the boot2docker data disk as virtio-blk, user-mode networking with SSH and the
 * API server forwarded to 127.0.0.1, a multicast cluster network on loopback, a serial console to a log (the host
 * keys come from there), QMP for state and a graceful stop. Everything about a machine lives in its directory.
 */
public final class QemuDriver implements Driver {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

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
                OptionSpec.string("iso", defaultIso().toString(),
                        "the node ISO; build one offline with scripts/build-node-iso.sh (or set KUBIK_NODE_ISO)"),
                OptionSpec.string("accel", "auto", "auto: KVM on Linux, HVF on macOS, else emulation (TCG); or kvm, hvf, tcg",
                        "auto", "kvm", "hvf", "tcg"),
                OptionSpec.string("network", "socket",
                        "socket: a cluster network on loopback, nodes reach each other; user: SSH only, one node",
                        "socket", "user"));
    }

    static Path defaultIso() {
        String env = System.getenv("KUBIK_NODE_ISO");
        return env != null && !env.isBlank() ? Path.of(env) : KubikPaths.cache().resolve("node-iso/kubik-node.iso");
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

    @Override
    public Set<String> resizableInPlace() {
        return Set.of("cpus", "memory"); // applied by a restart
    }

    @Override
    public ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, Reporter reporter) {
        return QemuNetworks.describe(cluster, QemuNetworks.ensure(cluster));
    }

    @Override
    public void removeNetwork(String cluster) {
        QemuNetworks.remove(cluster);
    }

    @Override
    public void create(MachineConfig config, Reporter reporter) {
        var existing = QemuMachine.load(config.name());
        if (existing.isPresent() && existing.get().process().isPresent()) return;
        Path iso = Path.of(String.valueOf(config.options().get("iso")));
        if (!Files.isRegularFile(iso)) {
            throw new DriverException("no node ISO at " + iso, "build it offline with scripts/build-node-iso.sh, or set "
                    + "options { iso '/path/to/kubik-node.iso' } or KUBIK_NODE_ISO");
        }
        if (config.index() > 0 && "user".equals(config.options().get("network"))) {
            throw new DriverException("network 'user' gives each VM a network of its own: " + config.name()
                    + " could not reach the other nodes", "use options { network 'socket' } (the default) for more than one node");
        }
        Accelerator.Choice accel = Accelerator.choose(String.valueOf(config.options().get("accel")), binary());
        if (accel.accel().equals("tcg")) reporter.warn("qemu runs " + config.name() + " under emulation: " + accel.why());
        QemuNetworks.Slot slot = QemuNetworks.ensure(config.cluster());
        try {
            Path boot = bootFiles(iso);
            Path dir = QemuMachine.dir(config.name());
            Files.createDirectories(dir);
            QemuMachine machine = new QemuMachine(config.name(), config.cluster(), config.index(), config.cpus(),
                    config.memoryMiB(), config.diskMiB(), MacAddress.random().toString(), slot.address(config.index()),
                    0, 0, slot.port(), boot.resolve("bzimage").toString(), boot.resolve("initrd").toString(), accel.accel());
            Boot2DockerDisk.create(machine.disk(), config.sshPublicKey(), config.diskMiB());
            launch(machine, String.valueOf(config.options().get("network")));
        } catch (IOException e) {
            throw new DriverException("cannot create " + config.name() + ": " + e.getMessage(), null, e);
        }
    }

    /** The ISO's kernel and initrd, extracted once per ISO (by path, size and time) into the cache. */
    private static synchronized Path bootFiles(Path iso) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(iso, BasicFileAttributes.class);
        String key = Integer.toHexString((iso.toAbsolutePath() + ":" + attributes.size() + ":"
                + attributes.lastModifiedTime().toMillis()).hashCode());
        Path dir = KubikPaths.cache().resolve("qemu-boot").resolve(key);
        if (Files.isRegularFile(dir.resolve("initrd"))) return dir;
        Files.createDirectories(dir);
        try (IsoImage image = IsoImage.open(iso)) {
            image.extract("/boot/bzimage", dir.resolve("bzimage"));
            image.extract("/boot/initrd", dir.resolve("initrd")); // last: its presence means both are there
        }
        return dir;
    }

    /** Boots the machine; ports taken since it last ran are chosen again. */
    private void launch(QemuMachine machine, String network) throws IOException {
        String failure = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            QemuMachine withPorts = new QemuMachine(machine.name(), machine.cluster(), machine.index(), machine.cpus(),
                    machine.memoryMiB(), machine.diskMiB(), machine.mac(), machine.clusterIp(), freePort(), freePort(),
                    network.equals("user") ? 0 : machine.clusterPort(), machine.kernel(), machine.initrd(), machine.accel());
            withPorts.save();
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
            if (process.exitValue() == 0) return; // -daemonize: the parent exits once the VM runs
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

    private static QemuMachine machine(String name) {
        return QemuMachine.load(name).orElseThrow(() -> new DriverException("no qemu machine " + name,
                "it was deleted outside kubik; run the script again to create it"));
    }

    @Override
    public void resize(MachineConfig config) {
        QemuMachine old = machine(config.name());
        boolean running = old.process().isPresent();
        if (running) stop(config.name());
        new QemuMachine(old.name(), old.cluster(), old.index(), config.cpus(), config.memoryMiB(), old.diskMiB(), old.mac(),
                old.clusterIp(), old.sshPort(), old.apiPort(), old.clusterPort(), old.kernel(), old.initrd(), old.accel()).save();
        if (running) start(config.name());
    }

    @Override
    public void start(String name) {
        QemuMachine machine = machine(name);
        if (machine.process().isPresent()) return;
        cleanStale(machine);
        try {
            launch(machine, machine.clusterPort() == 0 ? "user" : "socket");
        } catch (IOException e) {
            throw new DriverException("cannot start " + name + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public void stop(String name) {
        QemuMachine machine = machine(name);
        var process = machine.process();
        if (process.isEmpty()) {
            cleanStale(machine);
            return;
        }
        try {
            Qmp.execute(machine.qmpSocket(), "{\"execute\":\"system_powerdown\"}");
            process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception gracefulFailed) {
            kill(machine);
        }
        cleanStale(machine);
    }

    private static void kill(QemuMachine machine) {
        machine.process().ifPresent(p -> {
            try {
                Qmp.execute(machine.qmpSocket(), "{\"execute\":\"quit\"}");
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
    private static void cleanStale(QemuMachine machine) {
        if (machine.process().isPresent()) return;
        try {
            Files.deleteIfExists(machine.pidFile());
            Files.deleteIfExists(machine.qmpSocket());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String name) {
        var machine = QemuMachine.load(name);
        machine.ifPresent(QemuDriver::kill);
        Path dir = QemuMachine.dir(name);
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new DriverException("cannot remove " + dir + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public MachineState state(String name) {
        var machine = QemuMachine.load(name);
        if (machine.isEmpty()) return MachineState.MISSING;
        return machine.get().process().isPresent() ? MachineState.RUNNING : MachineState.STOPPED;
    }

    @Override
    public String ip(String name) {
        return machine(name).clusterIp();
    }

    @Override
    public Endpoint sshEndpoint(String name) {
        return new Endpoint("127.0.0.1", machine(name).sshPort());
    }

    @Override
    public Endpoint apiServerEndpoint(String name) {
        return new Endpoint("127.0.0.1", machine(name).apiPort());
    }

    @Override
    public boolean readsHostKeys() {
        return true;
    }

    /** This boot's keys from the serial console (qemu truncates the log at each start), ed25519 first. */
    @Override
    public List<String> hostKeys(String name) {
        QemuMachine machine = machine(name);
        try {
            List<String> keys = new ArrayList<>(SerialHostKeys.read(machine.serialLog(), 0));
            if (keys.isEmpty() && machine.process().isEmpty()) {
                throw new DriverException(name + " stopped while booting", "see " + machine.serialLog() + " and " + machine.stderrLog());
            }
            keys.sort(Comparator.comparing((String k) -> !k.startsWith("ssh-ed25519")));
            return keys;
        } catch (IOException e) {
            throw new DriverException("cannot read " + machine.serialLog() + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public List<String> machinesOf(String cluster) {
        Path root = KubikPaths.machines();
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString()).map(QemuMachine::load)
                    .flatMap(java.util.Optional::stream).filter(m -> cluster.equals(m.cluster()))
                    .map(QemuMachine::name).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
