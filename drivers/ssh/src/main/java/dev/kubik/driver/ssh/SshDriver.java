package dev.kubik.driver.ssh;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.ExistingHost;
import dev.kubik.spi.HostFootprint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SshAccess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Existing Linux hosts, adopted over SSH as minikube's ssh driver does: kubik logs in with the script's user and
 * key, pins the host key the script names (or the user confirms), checks what it needs and records the host. It
 * never powers a host off or deletes it: stopping stops the kubelet, removing releases the host (undoes what kubik
 * wrote and installed, see {@link HostFootprint}).
 */
public final class SshDriver implements Driver {
    private static final Duration CONNECT = Duration.ofSeconds(15);
    private static final Duration COMMAND = Duration.ofMinutes(1);
    private static final String STOPPED_MARK = HostFootprint.DIR + "/stopped";
    /** What kubik needs of a host, asked in one round trip; each line is key=value. */
    private static final String FACTS = "if sudo -n true 2>/dev/null; then echo sudo=yes; else echo sudo=no; fi; "
            + "echo kernel=$(uname -s); echo arch=$(uname -m); "
            + "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"os=$ID\"; echo \"family=$ID $ID_LIKE\"; echo \"pretty=$PRETTY_NAME\"; fi; "
            + "echo cpus=$(nproc); awk '/^MemTotal:/ { print \"memKiB=\" $2 }' /proc/meminfo";

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public String description() {
        return "existing Linux hosts over SSH (lab machines, cloud VMs); adopted, never created or deleted";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.LINUX, HostOs.MACOS, HostOs.WINDOWS);
    }

    /** Never auto-selected: a script must name its hosts, and with them this driver. */
    @Override
    public Priority priority() {
        return Priority.DISCOURAGED;
    }

    /** Nothing to install: kubik speaks SSH itself. */
    @Override
    public DriverStatus status() {
        return DriverStatus.healthy("built in");
    }

    @Override
    public boolean adoptsExistingHosts() {
        return true;
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        ExistingHost host = config.host();
        if (host == null) {
            throw new DriverException("node " + config.name() + " names no host", "the ssh driver adopts existing hosts: "
                    + "node('name') { host '10.0.0.5'; user 'ubuntu'; key '~/.ssh/id_ed25519' }");
        }
        String hostKey = HostKeyChoice.pin(config.name(), host, context);
        SshAccess access = new SshAccess(host.user(), host.endpoint(), host.key());
        HostFacts facts;
        try (Connection connection = new Connection(context.ssh().connect(config.name(), access, hostKey, CONNECT))) {
            facts = HostFacts.parse(run(connection.runner, List.of("sh", "-c", FACTS), config.name()).stdout());
        }
        facts.requireUsable(config.name(), host);
        String ip = Addresses.resolve(host.address());
        context.reporter().info(config.name() + " is " + facts.pretty() + " (" + facts.arch() + ", " + facts.cpus() + " CPUs, "
                + facts.memoryMiB() + " MiB) at " + host.address());
        Map<String, String> state = Map.of(ExistingHost.STATE_KEY, host.endpoint().toString(),
                "ip", ip, "user", host.user(), "key", host.key().toString(), "hostKey", hostKey,
                "os", facts.os(), "arch", facts.arch(), MachineConfig.API_SERVER_PORT_KEY, String.valueOf(config.apiServerPort()));
        return new CreatedMachine(ip, access, List.of(hostKey), state,
                new CreatedMachine.Size(facts.cpus(), facts.memoryMiB()));
    }

    /** Starts what stop stopped: the kubelet, if kubik installed one. */
    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        try (Connection connection = connect(machine, context)) {
            run(connection.runner, List.of("sudo", "sh", "-c", "rm -f " + STOPPED_MARK
                    + "; if systemctl cat kubelet >/dev/null 2>&1; then systemctl start kubelet; fi"), machine.name());
        }
        return machine;
    }

    /** Stops the kubelet and marks the node stopped; the host and its container runtime keep running. */
    @Override
    public void stop(MachineRef machine, DriverContext context) {
        try (Connection connection = connect(machine, context)) {
            run(connection.runner, List.of("sudo", "sh", "-c", "if systemctl cat kubelet >/dev/null 2>&1; then systemctl stop kubelet; fi; "
                    + "mkdir -p " + HostFootprint.DIR + " && touch " + STOPPED_MARK), machine.name());
        }
    }

    /** Releases the host; one that cannot be reached is said, and kubik forgets it (its files stay there). */
    @Override
    public void remove(MachineRef machine, DriverContext context) {
        if (machine.get("hostKey").isEmpty()) return; // known only by name: nothing kubik can reach
        try (Connection connection = connect(machine, context)) {
            CommandResult released = HostFootprint.release(connection.runner);
            if (!released.ok()) {
                context.reporter().warn("releasing " + machine.name() + " failed: " + released.stderr().strip());
            }
        } catch (DriverException unreachable) {
            context.reporter().warn("could not release " + machine.name() + " (" + unreachable.getMessage()
                    + "); kubik's files stay in " + HostFootprint.DIR + " there");
        }
    }

    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        if (machine.get("hostKey").isEmpty()) return MachineState.MISSING;
        try (Connection connection = connect(machine, context)) {
            return connection.runner.run(List.of("test", "-e", STOPPED_MARK), COMMAND).ok()
                    ? MachineState.STOPPED : MachineState.RUNNING;
        } catch (DriverException unreachable) {
            return MachineState.ERROR;
        }
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        return machine.require("ip");
    }

    /** The host is on the host's own network: kubik found it at this address. */
    @Override
    public java.util.Optional<Endpoint> directRoute(MachineRef machine, int port, DriverContext context) {
        return java.util.Optional.of(new Endpoint(ip(machine, context), port));
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        String[] endpoint = machine.require(ExistingHost.STATE_KEY).split(":(?=[0-9]+$)");
        return new SshAccess(machine.require("user"), new Endpoint(endpoint[0], Integer.parseInt(endpoint[1])),
                Path.of(machine.require("key")));
    }

    /** The API server answers on the host's own address. */
    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return new Endpoint(machine.require("ip"), MachineConfig.apiServerPort(machine));
    }

    /** Adopted hosts carry no label kubik could find them by: only kubik's state knows them. */
    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return List.of();
    }

    private Connection connect(MachineRef machine, DriverContext context) {
        return new Connection(context.ssh().connect(machine.name(), ssh(machine, context), machine.require("hostKey"), CONNECT));
    }

    private static CommandResult run(CommandRunner runner, List<String> argv, String machine) {
        CommandResult result = runner.run(argv, COMMAND);
        if (!result.ok()) {
            throw new DriverException("'" + String.join(" ", argv.subList(0, Math.min(2, argv.size()))) + " …' failed on "
                    + machine + ": " + result.stderr().strip(), null);
        }
        return result;
    }

    /** A runner that is closed after one call. */
    private record Connection(CommandRunner runner) implements AutoCloseable {
        @Override
        public void close() {
            if (runner instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // The connection is gone either way.
                }
            }
        }
    }
}
