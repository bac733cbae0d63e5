package dev.kubik.driver.vfkit;

import dev.kubik.driver.vmkit.Boot2DockerDisk;
import dev.kubik.driver.vmkit.ClusterTag;
import dev.kubik.driver.vmkit.DetachedProcess;
import dev.kubik.driver.vmkit.DhcpdLeases;
import dev.kubik.driver.vmkit.IsoImage;
import dev.kubik.driver.vmkit.MacAddress;
import dev.kubik.driver.vmkit.MachineDirectory;
import dev.kubik.driver.vmkit.NodeIso;
import dev.kubik.driver.vmkit.SerialHostKeys;
import dev.kubik.spi.Capability;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostMount;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.Pause;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SettingProblem;
import dev.kubik.spi.SshAccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Nodes as macOS Virtualization.framework VMs run by vfkit, laid out and launched as minikube's vfkit driver does:
 * the node ISO's kernel and initrd booted directly, the boot2docker disk, vfkit detached in its own process group
 * with its REST API on a unix socket, the address from macOS's DHCP leases by MAC, the host keys from the serial
 * log before the first SSH contact. One node on vfkit's NAT network, more on vmnet-shared through vmnet-helper.
 */
public final class VfkitDriver implements Driver {
    private static final Duration LEASE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final String HELPER_INSTALL = "install vmnet-helper (brew install nirs/vmnet-helper/vmnet-helper, "
            + "see github.com/nirs/vmnet-helper), which joins the VMs on macOS's shared network";

    @Override
    public String name() {
        return "vfkit";
    }

    @Override
    public String description() {
        return "nodes are macOS Virtualization.framework VMs run by vfkit, from the kubik node ISO";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.MACOS);
    }

    @Override
    public Priority priority() {
        return Priority.PREFERRED;
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.of(
                OptionSpec.string("iso", "auto", "the node ISO: a path or an https URL; auto: as the qemu driver chooses"),
                OptionSpec.string("network", "auto", "auto: vmnet-shared when vmnet-helper is installed, else nat; nat: "
                        + "one node; vmnet-shared: nodes reach each other", "auto", "nat", "vmnet-shared"),
                OptionSpec.string("leases", "/var/db/dhcpd_leases", "the DHCP lease file macOS's bootpd writes"));
    }

    /** Shared folders are virtio-fs devices; ports are not forwarded (a node is reached at its own address). */
    @Override
    public Set<Capability> capabilities() {
        java.util.EnumSet<Capability> can = java.util.EnumSet.copyOf(Driver.super.capabilities());
        can.add(Capability.MOUNTS);
        return can;
    }

    /** vfkit on PATH, and its version. */
    @Override
    public DriverStatus status() {
        try {
            Process process = new ProcessBuilder("vfkit", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return DriverStatus.unhealthy(null, "vfkit --version failed: " + out, "reinstall vfkit: brew reinstall vfkit", null);
            }
            return DriverStatus.healthy(out.replaceFirst("^vfkit version:?\\s*", ""));
        } catch (IOException e) {
            return DriverStatus.notInstalled("vfkit is not installed", "brew install vfkit", "https://github.com/crc-org/vfkit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DriverStatus.unhealthy(null, "interrupted", null, null);
        }
    }

    /** NAT gives each VM a network of its own as far as kubik is concerned: more nodes need vmnet-shared. */
    @Override
    public List<SettingProblem> validate(Map<String, Object> options, int nodes) {
        if (nodes < 2) return List.of();
        String network = String.valueOf(options.get("network"));
        if (network.equals("nat")) {
            return List.of(new SettingProblem("options.network", "vfkit's nat network cannot join " + nodes
                    + " nodes (minikube#22513)", "options { network 'vmnet-shared' } and " + HELPER_INSTALL));
        }
        if (network.equals("auto") && VmnetHelper.find().isEmpty()) {
            return List.of(new SettingProblem("nodes", nodes + " vfkit nodes need vmnet-shared, and vmnet-helper is not "
                    + "installed (vfkit's nat network cannot join them)", HELPER_INSTALL));
        }
        return List.of();
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        VfkitFiles files = new VfkitFiles(context.machineDir(config.name()));
        remove(MachineRef.named(config.name()), context); // a creation interrupted before the engine recorded it
        Path iso = NodeIso.resolve(String.valueOf(config.options().get("iso")), context);
        if (!Files.isRegularFile(iso)) {
            throw new DriverException("no node ISO at " + iso, "build it with scripts/build-node-iso.sh, or set options { iso '…' }");
        }
        if (!NodeIso.isKubik(iso)) {
            context.reporter().warn(iso.getFileName() + " does not print its SSH host key to the serial console: "
                    + config.name() + "'s key is pinned when it first answers");
        }
        for (HostMount mount : config.mounts()) {
            if (!Files.isDirectory(Path.of(mount.hostPath()))) {
                throw new DriverException("cannot share " + mount.hostPath() + " with " + config.name() + ": not a directory on this host",
                        "create it, or change the mount in the script");
            }
        }
        String network = network(config.options());
        try {
            Files.createDirectories(files.dir());
            ClusterTag.write(files.dir(), name(), config.cluster());
            linkOrCopy(iso, files.iso());
            try (IsoImage image = IsoImage.open(files.iso())) {
                image.extract("/boot/bzimage", files.kernel());
                image.extract("/boot/initrd", files.initrd());
            }
            Boot2DockerDisk.create(files.disk(), config.sshPublicKey(), config.diskMiB());
        } catch (IOException e) {
            throw new DriverException("cannot prepare " + config.name() + ": " + e.getMessage(), null, e);
        }
        Map<String, String> state = new HashMap<>(Map.of("network", network, "leases", String.valueOf(config.options().get("leases")),
                "cpus", String.valueOf(config.cpus()), "memoryMiB", String.valueOf(config.memoryMiB())));
        state.putAll(VfkitShares.record(config.mounts()));
        state.put(MachineConfig.API_SERVER_PORT_KEY, String.valueOf(config.apiServerPort()));
        Booted booted = boot(config.name(), files, state, NodeIso.isKubik(iso), context);
        return new CreatedMachine(booted.ip(), SshAccess.node(new Endpoint(booted.ip(), 22)), booted.hostKeys(), booted.state());
    }

    private record Booted(String ip, List<String> hostKeys, Map<String, String> state) {
    }

    /** Starts vfkit (and the helper) for a machine whose files exist, then waits for its lease and host keys. */
    private Booted boot(String name, VfkitFiles files, Map<String, String> settings, boolean hostKeysOnSerial, DriverContext context) {
        Map<String, String> state = new HashMap<>(settings);
        String network = state.get("network");
        String mac = network.equals("nat") ? natMac(name)
                : VmnetHelper.start(VmnetHelper.find().orElseThrow(() -> new DriverException("vmnet-helper is not installed", HELPER_INSTALL)),
                files, name);
        state.put("mac", mac);
        try {
            long serialOffset = Files.exists(files.serialLog()) ? Files.size(files.serialLog()) : 0;
            Files.deleteIfExists(files.restSocket());
            long pid = DetachedProcess.spawn(VfkitCommand.argv("vfkit", files, name, Integer.parseInt(state.get("cpus")),
                    Long.parseLong(state.get("memoryMiB")), mac, network, VfkitShares.of(state)), Map.of(), files.log());
            Files.writeString(files.pidFile(), pid + "\n");
            String ip = awaitLease(name, Path.of(state.get("leases")), mac, pid, files);
            state.put("ip", ip);
            List<String> hostKeys = hostKeysOnSerial
                    ? SerialHostKeys.await(files.serialLog(), serialOffset, BOOT_TIMEOUT, () -> DetachedProcess.alive(pid), name)
                    : List.of();
            return new Booted(ip, hostKeys, state);
        } catch (IOException e) {
            throw new DriverException("cannot start " + name + ": " + e.getMessage(), "its log: " + files.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted while " + name + " booted", null, e);
        }
    }

    /** Polls macOS's DHCP leases for the VM's MAC, as minikube does, with a deadline. */
    private static String awaitLease(String name, Path leases, String mac, long pid, VfkitFiles files) throws IOException {
        long deadline = System.nanoTime() + LEASE_TIMEOUT.toNanos();
        MacAddress wanted = MacAddress.parse(mac);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(leases)) {
                Optional<String> ip = DhcpdLeases.addressOf(leases, wanted);
                if (ip.isPresent()) return ip.get();
            }
            if (!DetachedProcess.alive(pid)) {
                throw new DriverException("vfkit exited while " + name + " booted: " + tail(files.log()), "its log: " + files.log());
            }
            Pause.millis(500);
        }
        throw new DriverException("no DHCP lease for " + name + " (" + mac + ") in " + leases + " within "
                + LEASE_TIMEOUT.toSeconds() + " s", "macOS's DHCP server (bootpd) may be blocked by the firewall: "
                + "sudo /usr/libexec/ApplicationFirewall/socketfilterfw --add /usr/libexec/bootpd; "
                + "sudo /usr/libexec/ApplicationFirewall/socketfilterfw --unblockapp /usr/libexec/bootpd");
    }

    /** Mounts the shared folders: vfkit exposes them as virtio-fs devices, which the guest mounts by tag. */
    @Override
    public void afterBoot(MachineRef machine, CommandRunner runner, DriverContext context) {
        List<HostMount> mounts = VfkitShares.of(machine.state());
        for (int i = 0; i < mounts.size(); i++) {
            CommandResult mounted = runner.run(VfkitShares.mountCommand(i, mounts.get(i)), Duration.ofSeconds(30));
            if (!mounted.ok()) {
                throw new DriverException("cannot mount " + mounts.get(i).hostPath() + " at " + mounts.get(i).guestPath() + " in "
                        + machine.name() + ": " + mounted.stderr().strip(), "the node's kernel needs virtiofs (the kubik node "
                        + "ISO has it); is the directory still there on the host?");
            }
        }
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        VfkitFiles files = new VfkitFiles(context.machineDir(machine.name()));
        if (state(machine, context) == MachineState.RUNNING) return machine;
        Booted booted = boot(machine.name(), files, machine.state(), true, context);
        return new MachineRef(machine.name(), booted.state());
    }

    /** A graceful stop through the REST API, else SIGTERM, as minikube; then a hard stop if it does not end in time. */
    @Override
    public void stop(MachineRef machine, DriverContext context) {
        VfkitFiles files = new VfkitFiles(context.machineDir(machine.name()));
        Optional<ProcessHandle> vfkit = running(files);
        if (vfkit.isPresent()) {
            try {
                VfkitRest.change(files.restSocket(), "Stop");
            } catch (IOException restDown) {
                vfkit.get().destroy();
            }
            if (!DetachedProcess.awaitExit(vfkit.get().pid(), STOP_TIMEOUT)) {
                context.reporter().warn(machine.name() + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s: stopping it hard");
                kill(files, vfkit.get());
            }
        }
        VmnetHelper.stop(files);
        deleteQuietly(files.pidFile());
    }

    @Override
    public void remove(MachineRef machine, DriverContext context) {
        VfkitFiles files = new VfkitFiles(context.machineDir(machine.name()));
        running(files).ifPresent(p -> kill(files, p));
        VmnetHelper.stop(files);
        MachineDirectory.remove(files.dir());
    }

    /** What vfkit's REST API says; without an answer, whether its process runs (a stale pid file is removed). */
    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        VfkitFiles files = new VfkitFiles(context.machineDir(machine.name()));
        if (!Files.isDirectory(files.dir())) return MachineState.MISSING;
        try {
            String state = VfkitRest.state(files.restSocket());
            return switch (state) {
                case "VirtualMachineStateRunning", "VirtualMachineStateStarting", "VirtualMachineStateResuming",
                     "VirtualMachineStateStopping", "VirtualMachineStatePausing" -> MachineState.RUNNING;
                case "VirtualMachineStatePaused" -> MachineState.PAUSED;
                case "VirtualMachineStateStopped" -> MachineState.STOPPED;
                default -> MachineState.ERROR;
            };
        } catch (IOException noAnswer) {
            if (running(files).isPresent()) return MachineState.RUNNING;
            deleteQuietly(files.pidFile());
            return MachineState.STOPPED;
        }
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        return machine.require("ip");
    }

    /** vmnet's shared network is the Mac's own: the VM's address is reached as it is. */
    @Override
    public java.util.Optional<Endpoint> directRoute(MachineRef machine, int port, DriverContext context) {
        return java.util.Optional.of(new Endpoint(ip(machine, context), port));
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        return SshAccess.node(new Endpoint(machine.require("ip"), 22));
    }

    /** The API server answers on the VM's own address. */
    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return new Endpoint(machine.require("ip"), MachineConfig.apiServerPort(machine));
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return ClusterTag.machinesOf(context, name(), cluster);
    }

    private static String network(Map<String, Object> options) {
        String network = String.valueOf(options.get("network"));
        if (!network.equals("auto")) return network;
        return VmnetHelper.find().isPresent() ? "vmnet-shared" : "nat";
    }

    /** A MAC derived from the machine's name, as minikube derives one: the same VM keeps its lease and address. */
    static String natMac(String machine) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("kubik-mac-" + machine).getBytes(StandardCharsets.UTF_8));
            byte[] mac = java.util.Arrays.copyOf(digest, 6);
            mac[0] = (byte) ((mac[0] | 2) & 0xfe); // locally administered, unicast
            return new MacAddress(mac).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** vfkit's process, if its pid file names a live vfkit. */
    private static Optional<ProcessHandle> running(VfkitFiles files) {
        return VfkitFiles.pid(files.pidFile()).filter(DetachedProcess::alive).flatMap(ProcessHandle::of)
                .filter(p -> p.info().commandLine().map(c -> c.contains("vfkit")).orElse(true)); // a recycled pid is not ours
    }

    private static void kill(VfkitFiles files, ProcessHandle vfkit) {
        try {
            VfkitRest.change(files.restSocket(), "HardStop");
        } catch (IOException restDown) {
            vfkit.destroyForcibly();
        }
        if (!DetachedProcess.awaitExit(vfkit.pid(), Duration.ofSeconds(10))) vfkit.destroyForcibly();
        DetachedProcess.awaitExit(vfkit.pid(), Duration.ofSeconds(10));
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException otherVolume) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover pid file is taken for stale next time.
        }
    }
}
