package dev.kubik.engine.exec;

import dev.kubik.engine.ssh.SshKeys;
import dev.kubik.engine.ssh.SshRunner;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Pause;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSH to a profile's machines as user {@code docker}: pins each machine's host key (read through the driver's
 * trusted channel where it has one, else on first contact), then keeps one connection per machine.
 */
public final class NodeAccess implements AutoCloseable {
    public static final String USER = "docker";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private final String profile;
    private final ProfileStore store;
    private final Map<String, SshRunner> connections = new ConcurrentHashMap<>();
    private String publicKey;

    public NodeAccess(String profile, ProfileStore store) {
        this.profile = profile;
        this.store = store;
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

    /** Pins the host key of a machine that has just been created (replacing any earlier pin). */
    public void pinNewMachine(Driver driver, String machine) {
        drop(machine);
        store.pinHostKey(profile, machine, driver.readsHostKeys() ? awaitHostKey(driver, machine) : firstContact(driver, machine));
    }

    /** A connection to the machine, waiting for its SSH server to come up. */
    public SshRunner runner(Driver driver, String machine) {
        return connections.computeIfAbsent(machine, m -> {
            String pinned = store.requireHostKey(profile, m);
            return SshRunner.await(m, () -> driver.sshEndpoint(m), USER, privateKey(), pinned, BOOT_TIMEOUT);
        });
    }

    /** Forgets a removed machine: its connection and its pinned host key. */
    public void forget(String machine) {
        drop(machine);
        store.forgetMachine(profile, machine);
    }

    /** Drops a machine's connection (stopped, removed or replaced). */
    public void drop(String machine) {
        SshRunner runner = connections.remove(machine);
        if (runner != null) runner.close();
    }

    private static String awaitHostKey(Driver driver, String machine) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> keys = driver.hostKeys(machine);
            if (!keys.isEmpty()) return keys.get(0);
            Pause.millis(50);
        }
        throw new DriverException(machine + " did not produce an SSH host key within " + BOOT_TIMEOUT.toSeconds() + " s",
                "does the node image run sshd? see scripts/build-node-image.sh");
    }

    private static String firstContact(Driver driver, String machine) {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return SshRunner.offeredHostKey(driver.sshEndpoint(machine));
            } catch (IOException e) {
                last = e;
            }
            Pause.millis(50);
        }
        throw new DriverException("SSH on " + machine + " did not answer: " + (last == null ? "" : last.getMessage()), null);
    }


    @Override
    public void close() {
        connections.values().forEach(SshRunner::close);
        connections.clear();
    }
}
