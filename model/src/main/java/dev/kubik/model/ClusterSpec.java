package dev.kubik.model;

import dev.kubik.spi.KubernetesSpec;
import java.util.List;
import java.util.Map;

/**
 * The desired cluster, as a script describes it, with every default filled in.
 *
 * @param name          profile name
 * @param driver        driver name, or null when the script leaves the choice to auto-selection
 * @param kubernetes    how the nodes become a cluster
 * @param nodes         every node, control planes first, the primary at index 0
 * @param addons        addons to enable, in order
 * @param mounts        host directories to share
 * @param ports         host ports to forward
 * @param driverOptions what the script set in {@code options { }}; checked against the driver's schema
 * @param keepContext   leave kubectl's current context alone
 */
public record ClusterSpec(String name, String driver, KubernetesSpec kubernetes, List<NodeSpec> nodes,
                          List<String> addons, List<Mount> mounts, List<PortMapping> ports,
                          Map<String, Object> driverOptions, boolean keepContext) {
    public ClusterSpec {
        nodes = List.copyOf(nodes);
        addons = List.copyOf(addons);
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
        driverOptions = Map.copyOf(driverOptions);
    }

    public NodeSpec primary() {
        return nodes.get(0);
    }

    public long controlPlaneCount() {
        return nodes.stream().filter(n -> n.role() == Role.CONTROL_PLANE).count();
    }

    /** The same cluster, making its context kubectl's current one or not. */
    public ClusterSpec withKeepContext(boolean keep) {
        return new ClusterSpec(name, driver, kubernetes, nodes, addons, mounts, ports, driverOptions, keep);
    }

    /** The same cluster with the driver chosen (auto-selection fills it in before planning). */
    public ClusterSpec withDriver(String chosen) {
        return new ClusterSpec(name, chosen, kubernetes, nodes, addons, mounts, ports, driverOptions, keepContext);
    }
}
