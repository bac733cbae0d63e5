package dev.kubik.plan;

import java.util.Map;
import java.util.Set;

/**
 * What the planner must know of the chosen driver and bootstrapper.
 *
 * @param resizableInPlace   machine settings the driver changes without recreating (cpus, memory, disk)
 * @param effectiveOptions   the script's driver options with the driver's defaults applied
 * @param installsKubernetes whether the bootstrapper makes a Kubernetes cluster (init, join, drain, addons)
 * @param adoptsHosts        whether the driver adopts existing hosts: never resized, released rather than destroyed
 * @param upgradesInPlace    whether the bootstrapper moves running nodes to a new Kubernetes version (else a new
 *                           version rebuilds the cluster)
 */
public record DriverTraits(Set<String> resizableInPlace, Map<String, Object> effectiveOptions, boolean installsKubernetes,
                           boolean adoptsHosts, boolean upgradesInPlace) {
    public DriverTraits {
        resizableInPlace = Set.copyOf(resizableInPlace);
        effectiveOptions = Map.copyOf(effectiveOptions);
    }

    /** A driver that makes its machines. */
    public DriverTraits(Set<String> resizableInPlace, Map<String, Object> effectiveOptions, boolean installsKubernetes) {
        this(resizableInPlace, effectiveOptions, installsKubernetes, false, false);
    }
}
