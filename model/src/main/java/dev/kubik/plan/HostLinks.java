package dev.kubik.plan;

import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Mount;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.PortMapping;

import java.util.List;

/**
 * What ties a machine to the host, fixed when the machine is made: the host folders shared into it and, for the
 * primary node, the host ports forwarded to it; the API server port the driver publishes. Recorded with the
 * machine so a script that changes them plans a new machine instead of reporting no changes.
 */
public record HostLinks(List<Mount> mounts, List<PortMapping> ports, int apiServerPort) {
    public HostLinks {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        ports = ports == null ? List.of() : List.copyOf(ports);
        // Recorded before the port could be chosen: the only port there was.
        apiServerPort = apiServerPort == 0 ? dev.kubik.spi.KubernetesSpec.DEFAULT_API_SERVER_PORT : apiServerPort;
    }

    /** What the script wants for {@code node}: every node gets the mounts, the primary the ports. */
    public static HostLinks of(ClusterSpec spec, NodeSpec node) {
        return new HostLinks(spec.mounts(), node.name().equals(spec.primary().name()) ? spec.ports() : List.of(),
                spec.kubernetes().apiServerPort());
    }

    /** How {@code wanted} differs from these, for a plan's reason; empty when they are the same. */
    public String changesTo(HostLinks wanted) {
        List<String> changes = new java.util.ArrayList<>();
        if (!mounts.equals(wanted.mounts)) changes.add("mounts " + describeMounts(mounts) + " → " + describeMounts(wanted.mounts));
        if (!ports.equals(wanted.ports)) changes.add("ports " + describePorts(ports) + " → " + describePorts(wanted.ports));
        if (apiServerPort != wanted.apiServerPort) changes.add("apiServerPort " + apiServerPort + " → " + wanted.apiServerPort);
        return String.join(", ", changes);
    }

    private static String describeMounts(List<Mount> mounts) {
        return mounts.isEmpty() ? "none" : String.join(" ", mounts.stream().map(m -> m.hostPath() + ":" + m.guestPath()).toList());
    }

    private static String describePorts(List<PortMapping> ports) {
        return ports.isEmpty() ? "none" : String.join(" ", ports.stream().map(p -> p.hostPort() + ":" + p.nodePort()).toList());
    }
}
