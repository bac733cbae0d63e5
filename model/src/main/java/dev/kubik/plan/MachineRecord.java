package dev.kubik.plan;

import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.SshAccess;

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
 * @param sshUser      the login its driver gave
 * @param driverState  the driver's own record of it, handed back to the driver on every call
 * @param links        the host folders and ports it was made with; null in state written before kubik recorded them
 * @param kubernetesVersion the Kubernetes its kubelet runs, set when it joins and after each upgrade; null before it
 *                     joins, and in state written before kubik recorded it per node (then the cluster's version)
 */
public record MachineRecord(String name, String shortName, Role role, Resources resources, Map<String, Object> options,
                            MachineState state, boolean runtimeReady, boolean joined,
                            Map<String, List<String>> registryMirrors, String sshUser, Map<String, String> driverState,
                            HostLinks links, String kubernetesVersion) {
    public MachineRecord {
        options = Map.copyOf(options);
        // State written before mirrors, logins or driver state existed has none: kubik's nodes log in as docker.
        registryMirrors = registryMirrors == null ? Map.of() : Map.copyOf(registryMirrors);
        sshUser = sshUser == null ? SshAccess.NODE_USER : sshUser;
        driverState = driverState == null ? Map.of() : Map.copyOf(driverState);
    }

    /** A machine with no registry mirrors (yet), kubik's node login and no driver state. */
    public MachineRecord(String name, String shortName, Role role, Resources resources, Map<String, Object> options,
                         MachineState state, boolean runtimeReady, boolean joined) {
        this(name, shortName, role, resources, options, state, runtimeReady, joined, Map.of(), null, Map.of(), null, null);
    }

    /** What its driver is handed. */
    public MachineRef ref() {
        return new MachineRef(name, driverState);
    }

    public MachineRecord withDriverState(Map<String, String> newState) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, joined, registryMirrors,
                sshUser, newState, links, kubernetesVersion);
    }

    public MachineRecord withRegistryMirrors(Map<String, List<String>> mirrors) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, joined, mirrors, sshUser, driverState, links, kubernetesVersion);
    }

    public MachineRecord withState(MachineState newState) {
        return new MachineRecord(name, shortName, role, resources, options, newState, runtimeReady, joined, registryMirrors, sshUser, driverState, links, kubernetesVersion);
    }

    public MachineRecord withRuntimeReady(boolean ready) {
        return new MachineRecord(name, shortName, role, resources, options, state, ready, joined, registryMirrors, sshUser, driverState, links, kubernetesVersion);
    }

    public MachineRecord withJoined(boolean isJoined) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, isJoined, registryMirrors, sshUser, driverState, links, kubernetesVersion);
    }

    public MachineRecord withResources(Resources newResources) {
        return new MachineRecord(name, shortName, role, newResources, options, state, runtimeReady, joined, registryMirrors, sshUser, driverState, links, kubernetesVersion);
    }

    public MachineRecord withKubernetesVersion(String version) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, joined, registryMirrors, sshUser, driverState, links, version);
    }

    public MachineRecord withLinks(HostLinks newLinks) {
        return new MachineRecord(name, shortName, role, resources, options, state, runtimeReady, joined, registryMirrors, sshUser, driverState, newLinks, kubernetesVersion);
    }
}
