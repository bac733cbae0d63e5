package dev.kubik.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine driver: what it is ({@link DriverDescriptor}) and what it does to machines.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; a driver module registers its class in
 * {@code META-INF/services/dev.kubik.spi.Driver} and is never referenced by name from any other module.
 * Drivers hold no state between calls: everything about a machine is in its {@link MachineRef} (the state the
 * driver returned, which the engine stores) and its directory ({@link DriverContext#machineDir}), and every call
 * gets the {@link DriverContext}. Machine names are unique on the host.
 */
public interface Driver extends DriverDescriptor {
    /**
     * Creates (or finds) the network the cluster's machines share; null (the default) for drivers whose machines
     * live on a network kubik does not make (macOS's vmnet, a Hyper-V switch, existing hosts).
     *
     * @param options the driver's options, defaults applied
     */
    default ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, DriverContext context) {
        return null;
    }

    /** Removes the cluster's network if the driver made one; a missing network is not an error. */
    default void removeNetwork(String cluster, DriverContext context) {
    }

    /**
     * Creates and boots a machine and installs {@link MachineConfig#sshPublicKey} for the login it returns.
     * Returns once the machine runs; the engine then waits for SSH with the host key pinned.
     */
    CreatedMachine create(MachineConfig config, DriverContext context);

    /** Applies changed {@link #resizableInPlace()} settings to an existing machine; returns its new state. */
    default MachineRef resize(MachineConfig config, MachineRef machine, DriverContext context) {
        throw new DriverException(name() + " cannot resize a machine in place", "recreate the machine");
    }

    /**
     * Work inside the machine once it answers over SSH with its pinned key, after every boot (create and start):
     * what the driver's own devices need from the guest, such as mounting vfkit's shared folders. The runner is
     * the engine's, so drivers need no keys or SSH of their own. Nothing by default.
     */
    default void afterBoot(MachineRef machine, CommandRunner runner, DriverContext context) {
    }

    /** Boots a stopped machine; returns its state, which may have changed (ports chosen again). */
    MachineRef start(MachineRef machine, DriverContext context);

    /** Stops gracefully; the machine's disk survives. */
    void stop(MachineRef machine, DriverContext context);

    /** Removes the machine and its disk; a missing machine, or one known only by name, is not an error. */
    void remove(MachineRef machine, DriverContext context);

    MachineState state(MachineRef machine, DriverContext context);

    /** The machine's address on the cluster network. */
    String ip(MachineRef machine, DriverContext context);

    /** Where the host logs in to the machine now. */
    SshAccess ssh(MachineRef machine, DriverContext context);

    /** Where the host reaches port 8443 of the machine, or null if not forwarded. */
    Endpoint apiServerEndpoint(MachineRef machine, DriverContext context);

    /**
     * Where the host reaches {@code port} of the machine without SSH (the machine's address on a network the host
     * is on), for a cluster's node ports; empty (the default) where only SSH gets there, and kubik then forwards
     * through it.
     */
    default Optional<Endpoint> directRoute(MachineRef machine, int port, DriverContext context) {
        return Optional.empty();
    }

    /**
     * A runner that reaches the machine without SSH, through a channel the driver trusts on this host (docker
     * exec), for bulk streams such as image archives: no encryption to pay on a local socket. Empty when the
     * driver has none; SSH is then used.
     */
    default Optional<CommandRunner> localRunner(MachineRef machine, DriverContext context) {
        return Optional.empty();
    }

    /**
     * Names of the machines this driver holds for the cluster, found without kubik's state files (so a machine
     * whose creation was interrupted before the engine recorded it is found too).
     */
    List<String> machinesOf(String cluster, DriverContext context);
}
