package dev.kubik.dsl.plan;

import dev.kubik.dsl.model.Resources;
import dev.kubik.dsl.model.Role;
import dev.kubik.spi.MachineState;

import java.util.List;
import java.util.Map;

/**
 * A machine kubik made, as its state store and its driver know it.
 *
 * @param name         machine name
 * @param shortName    the name users type after -n
 * @param role         control plane or worker
 * @param resources    what it was created (or last resized) with
 * @param options      the driver options it was created with, defaults included
 * @param state        what the driver reports now
 * @param runtimeReady whether the container runtime was configured and answered
 * @param joined       whether it is part of the Kubernetes cluster
 * @param registryMirrors the mirrors its runtime was last configured with
 */
public record MachineRecord(String name, String shortName, Role role, Resources resources, Map<String, Object> options,
                            MachineState state, boolean runtimeReady, boolean joined,
                            Map<String, List<String>> registryMirrors) {
    public MachineRecord {
        options = Map.copyOf(options);
        // State written before mirrors existed has none.
        registryMirrors = registryMirrors == null ? Map.of() : Map.copyOf(registryMirrors);
    }

    /** A machine whose runtime has no registry mirrors (yet). */
    public MachineRecord(String name, String shortName, Role role, Resources resources, Map<String, Object> options,
                         MachineState state, boolean runtimeReady, boolean joined) {
        this(name, shortName, role, resources, options, state, runtimeReady, joined, Map.of());
    }

    public MachineRecord withRegistryMirrors(Map<String, List<String>> mirrors) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, joined, mirrors);
    }

    public MachineRecord withState(MachineState newState) {
        return new MachineRecord(name, shortName, role, resources, options, newState, runtimeReady, joined, registryMirrors);
    }

    public MachineRecord withRuntimeReady(boolean ready) {
        return new MachineRecord(name, shortName, role, resources, options, state, ready, joined, registryMirrors);
    }

    public MachineRecord withJoined(boolean isJoined) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, isJoined, registryMirrors);
    }

    public MachineRecord withResources(Resources newResources) {
        return new MachineRecord(name, shortName, role, newResources, options, state, runtimeReady, joined, registryMirrors);
    }
}
