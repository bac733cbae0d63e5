package dev.kubik.engine.exec;

import dev.kubik.engine.ssh.SshKeys;
import dev.kubik.engine.ssh.SshRunner;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.HostFootprint;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.Pause;
import dev.kubik.spi.SshAccess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * SSH to a profile's machines, as the login their driver gave: pins each machine's host key (read through the
 * driver's trusted channel where it has one, else on first contact), then keeps one connection per machine.
 */
public final class NodeAccess implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private final String profile;
    private final ProfileStore store;
    private final Connector connector;
    private final Duration connectTimeout;
    private final Map<String, CommandRunner> connections = new ConcurrentHashMap<>();
    /** How to reach machines created in this run, as their drivers answered: no second lookup for the first login. */
    private final Map<String, SshAccess> justCreated = new ConcurrentHashMap<>();
    private String publicKey;

    /**
     * Opens a connection to a machine, verifying the pinned host key: SSH ({@link #SSH}); engine tests use an
     * in-memory one, as docker-machine's fake driver does.
     */
    @FunctionalInterface
    public interface Connector {
        CommandRunner connect(String machine, Supplier<Endpoint> endpoint, String user, Path identity, String pinnedHostKey,
                              Duration timeout, Runnable answered);
    }

    public static final Connector SSH = SshRunner::await;

    public NodeAccess(String profile, ProfileStore store) {
        this(profile, store, SSH);
    }

    public NodeAccess(String profile, ProfileStore store, Connector connector) {
        this(profile, store, connector, BOOT_TIMEOUT);
    }

    /**
     * With {@code connectTimeout} instead of a boot's: for questions to machines already running, where a server
     * that does not answer soon is not booting but stuck, and the question is dropped rather than waited on.
     */
    public NodeAccess(String profile, ProfileStore store, Connector connector, Duration connectTimeout) {
        this.profile = profile;
        this.store = store;
        this.connector = connector;
        this.connectTimeout = connectTimeout;
    }

    /** kubik's download cache on the host, shared by all profiles. */
    public Path cache() {
        return store.home().cache();
    }

    public Path privateKey() {
        return store.dir(profile).resolve(SshKeys.PRIVATE);
    }

    /** The profile's public key, generated on first use; once, however many machines are created at once. */
    public synchronized String publicKey() {
        if (publicKey == null) publicKey = SshKeys.ensure(store.dir(profile), "kubik@" + profile);
        return publicKey;
    }

    /**
     * Pins the host key of a machine that has just been created (replacing any earlier pin): the key its driver
     * read through a trusted channel, else the one offered on first contact.
     */
    public void pinNewMachine(String machine, CreatedMachine created) {
        drop(machine);
        store.pinHostKey(profile, machine, created.hostKeys().isEmpty()
                ? firstContact(machine, created.ssh().endpoint()) : created.hostKeys().get(0));
        justCreated.put(machine, created.ssh());
    }

    /**
     * A connection to the machine, waiting for its SSH server to come up; {@code access} is asked again on each try
     * (a restarted machine may be published on a new port).
     */
    public CommandRunner runner(String machine, Supplier<SshAccess> access) {
        return runner(machine, access, () -> { });
    }

    /** As {@link #runner(String, Supplier)}, telling {@code answered} when a new connection's server first speaks. */
    public CommandRunner runner(String machine, Supplier<SshAccess> access, Runnable answered) {
        return connections.computeIfAbsent(machine, m -> {
            String pinned = store.requireHostKey(profile, m);
            // The first try uses what the driver just said (a creation's own answer, or one lookup); later tries ask
            // again, since a restarted machine may be published elsewhere.
            SshAccess created = justCreated.remove(m);
            SshAccess first = created != null ? created : access.get();
            Path identity = first.identity() != null ? first.identity() : privateKey();
            AtomicBoolean asked = new AtomicBoolean();
            return connector.connect(m, () -> asked.getAndSet(true) ? access.get().endpoint() : first.endpoint(),
                    first.user(), identity, pinned, connectTimeout, answered);
        });
    }

    /**
     * A machine as a bootstrapper sees it: reached through {@link #runner(String, Driver, Supplier, DriverContext)},
     * with the driver's local channel for bulk work where it has one.
     */
    public dev.kubik.spi.NodeContext nodeContext(String machine, String role, Supplier<MachineRef> ref, Driver driver,
                                                 dev.kubik.spi.KubernetesSpec kubernetes, DriverContext context,
                                                 int controlPlanes) {
        CommandRunner runner = runner(machine, driver, ref, context);
        MachineRef now = ref.get();
        return new dev.kubik.spi.NodeContext(profile, machine, role, driver.ip(now, context), kubernetes, runner,
                driver.localRunner(now, context).orElse(runner), context.reporter(), cache(), context.artifacts(), controlPlanes);
    }

    /**
     * A connection to one of {@code driver}'s machines, as {@link #runner(String, Supplier)}; on a host kubik adopted,
     * every file written through it is recorded first (and the original kept) so that releasing the host undoes it.
     */
    public CommandRunner runner(String machine, Driver driver, Supplier<MachineRef> ref, DriverContext context) {
        return runner(machine, driver, ref, context, () -> { });
    }

    /** As {@link #runner(String, Driver, Supplier, DriverContext)}, telling {@code answered} as {@link #runner(String, Supplier, Runnable)}. */
    public CommandRunner runner(String machine, Driver driver, Supplier<MachineRef> ref, DriverContext context, Runnable answered) {
        CommandRunner runner = runner(machine, () -> driver.ssh(ref.get(), context), answered);
        return driver.adoptsExistingHosts() ? HostFootprint.recording(runner) : runner;
    }

    /**
     * {@code ssh -L} through the machine's pinned SSH connection: connections accepted on {@code local} reach
     * {@code host:port} from inside the machine, until the handle is closed.
     */
    public AutoCloseable forward(String machine, Driver driver, Supplier<MachineRef> ref, DriverContext context,
                                 java.net.ServerSocket local, String host, int port) {
        // The connection itself, not the recording wrapper of an adopted host: a forward writes no file.
        if (!(runner(machine, () -> driver.ssh(ref.get(), context)) instanceof SshRunner ssh)) {
            throw new DriverException("no SSH connection to " + machine + " to forward through", null);
        }
        return ssh.forward(local, host, port);
    }

    /** Forgets a removed machine: its connection and its pinned host key. */
    public void forget(String machine) {
        drop(machine);
        store.forgetMachine(profile, machine);
    }

    /** Drops a machine's connection (stopped, removed or replaced). */
    public void drop(String machine) {
        close(connections.remove(machine));
    }

    private static void close(CommandRunner connection) {
        if (connection instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // A connection that cannot close cleanly is gone either way.
            }
        }
    }

    private static String firstContact(String machine, Endpoint endpoint) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return SshRunner.offeredHostKey(endpoint);
            } catch (IOException e) {
                last = e;
            }
            Pause.millis(50);
        }
        throw new DriverException("SSH on " + machine + " did not answer: " + (last == null ? "" : last.getMessage()), null);
    }

    @Override
    public void close() {
        connections.values().forEach(NodeAccess::close);
        connections.clear();
    }
}
