package dev.kubik.spi;

import java.util.List;
import java.util.Map;

/**
 * Everything a driver needs to create one machine. Built by the engine from the cluster model.
 *
 * @param cluster      the profile the machine belongs to
 * @param name         the machine's name: container or VM name, and its host name
 * @param role         control-plane or worker
 * @param index        the node's position in the cluster (0 for the primary), for fixed addresses
 * @param cpus         virtual CPUs
 * @param memoryMiB    memory in MiB
 * @param diskMiB      disk in MiB (drivers without disks ignore it)
 * @param options      the driver's options, with its schema's defaults applied
 * @param mounts       host directories to share
 * @param ports        extra host ports to forward
 * @param network      the cluster network from {@link Driver#ensureNetwork}, or null for drivers without one
 * @param sshPublicKey the OpenSSH public key the engine will log in with, as the user create returns
 * @param host         the existing machine to adopt, for drivers that {@link DriverDescriptor#adoptsExistingHosts
 *                     adopt hosts}; null for the others
 * @param apiServerPort the machine's port the API server will listen on, which the driver publishes or forwards
 *                     (and reports in {@link Driver#apiServerEndpoint})
 */
public record MachineConfig(String cluster, String name, String role, int index, int cpus, long memoryMiB,
                            long diskMiB, Map<String, Object> options, List<HostMount> mounts,
                            List<PortForward> ports, ClusterNetwork network, String sshPublicKey, ExistingHost host,
                            int apiServerPort) {
    public MachineConfig {
        options = Map.copyOf(options);
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
    }

    /** A machine to make (no existing host). */
    public MachineConfig(String cluster, String name, String role, int index, int cpus, long memoryMiB,
                         long diskMiB, Map<String, Object> options, List<HostMount> mounts,
                         List<PortForward> ports, ClusterNetwork network, String sshPublicKey) {
        this(cluster, name, role, index, cpus, memoryMiB, diskMiB, options, mounts, ports, network, sshPublicKey, null,
                KubernetesSpec.DEFAULT_API_SERVER_PORT);
    }

    /** The state key drivers record the API server port under, for {@link Driver#apiServerEndpoint}. */
    public static final String API_SERVER_PORT_KEY = "apiServerPort";

    /** The API server port a driver recorded for a machine; machines from before it was recorded use the default. */
    public static int apiServerPort(MachineRef machine) {
        String port = machine.state().get(API_SERVER_PORT_KEY);
        return port == null ? KubernetesSpec.DEFAULT_API_SERVER_PORT : Integer.parseInt(port);
    }
}
