package dev.kubik.model;

import dev.kubik.spi.ExistingHost;

import java.util.Map;

/**
 * One node of the cluster, concrete: the planner compares these with the machines that exist.
 *
 * @param name      the machine name, unique on the host: the profile for the primary, else {@code <profile>-<short>}
 * @param shortName what users type after {@code -n}: {@code m02}, {@code db}; the primary's is the profile name
 * @param role      control plane or worker
 * @param resources CPUs, memory and disk
 * @param labels    Kubernetes node labels
 * @param host      the existing machine this node is, for drivers that adopt hosts; null when kubik makes it
 */
public record NodeSpec(String name, String shortName, Role role, Resources resources, Map<String, String> labels,
                       ExistingHost host) {
    public NodeSpec {
        labels = Map.copyOf(labels);
    }

    /** A node kubik makes. */
    public NodeSpec(String name, String shortName, Role role, Resources resources, Map<String, String> labels) {
        this(name, shortName, role, resources, labels, null);
    }
}
