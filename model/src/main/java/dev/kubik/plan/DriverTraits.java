package dev.kubik.plan;

import java.util.Map;
import java.util.Set;

/**
 * What the planner must know of the chosen driver and bootstrapper.
 *
 * @param resizableInPlace   machine settings the driver changes without recreating (cpus, memory, disk)
 * @param effectiveOptions   the script's driver options with the driver's defaults applied
 * @param installsKubernetes whether the bootstrapper makes a Kubernetes cluster (init, join, drain, addons)
 */
public record DriverTraits(Set<String> resizableInPlace, Map<String, Object> effectiveOptions, boolean installsKubernetes) {
    public DriverTraits {
        resizableInPlace = Set.copyOf(resizableInPlace);
        effectiveOptions = Map.copyOf(effectiveOptions);
    }
}
