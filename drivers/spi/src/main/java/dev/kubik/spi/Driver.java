package dev.kubik.spi;

import java.util.List;
import java.util.Set;

/**
 * A machine driver: what it is ({@link DriverDescriptor}) and what it does to machines.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; a driver module registers its class in
 * {@code META-INF/services/dev.kubik.spi.Driver} and is never referenced by name from any other module.
 * Machine operations take the machine's name, which is unique on the host.
 */
public interface Driver extends DriverDescriptor {
    /**
     * Creates (or finds) the network the cluster's machines share; null for drivers without one.
     *
     * @param options the driver's options, defaults applied
     */
    ClusterNetwork ensureNetwork(String cluster, java.util.Map<String, Object> options, Reporter reporter);

    /** Removes the cluster's network if the driver made one; a missing network is not an error. */
    void removeNetwork(String cluster);

    /** Creates and boots a machine. Returns once the machine runs; SSH readiness is the engine's job. */
    void create(MachineConfig config, Reporter reporter);

    /** Applies changed {@link #resizableInPlace()} settings to an existing machine. */
    default void resize(MachineConfig config) {
        throw new DriverException(name() + " cannot resize a machine in place", "recreate the machine");
    }

    void start(String machine);

    /** Stops gracefully; the machine's disk survives. */
    void stop(String machine);

    /** Removes the machine and its disk; a missing machine is not an error. */
    void remove(String machine);

    MachineState state(String machine);

    /** The machine's address on the cluster network. */
    String ip(String machine);

    /** Where the host reaches the machine's SSH server. */
    Endpoint sshEndpoint(String machine);

    /** Where the host reaches port 8443 of the machine, or null if not forwarded. */
    Endpoint apiServerEndpoint(String machine);

    /**
     * The machine's SSH host public keys ({@code ssh-ed25519 AAAA…}) read through a channel the driver trusts
     * (docker exec, a serial console), so the engine can pin them before the first SSH contact. Empty when the
     * driver has no such channel: the engine then pins the key seen on first contact.
     */
    default List<String> hostKeys(String machine) {
        return List.of();
    }

    /** Whether {@link #hostKeys} can answer (perhaps only once the machine has booted). */
    default boolean readsHostKeys() {
        return false;
    }

    /**
     * A runner that reaches the machine without SSH, through a channel the driver trusts on this host (docker
     * exec), for bulk streams such as image archives: no encryption to pay on a local socket. Empty when the
     * driver has none; SSH is then used.
     */
    default java.util.Optional<CommandRunner> localRunner(String machine) {
        return java.util.Optional.empty();
    }

    /** Names of the machines this driver holds for the cluster, found without kubik's state files. */
    List<String> machinesOf(String cluster);
}
