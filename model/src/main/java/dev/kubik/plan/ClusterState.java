package dev.kubik.plan;

import dev.kubik.model.Role;

import java.util.List;
import java.util.Optional;

/**
 * What exists of a cluster now.
 *
 * @param profile           the cluster's name
 * @param driver            the driver its machines run on (null when nothing exists)
 * @param runtime           the container runtime its nodes run
 * @param bootstrapper      how it was bootstrapped
 * @param kubernetesVersion the version it runs
 * @param networkReady      whether its network exists
 * @param controlPlaneReady whether Kubernetes was initialised on the primary
 * @param machines          its machines
 * @param addons            enabled addons
 * @param certifiedControlPlanes the control-plane machines whose addresses the API server certificate names;
 *                          empty when unknown (state written before kubik recorded it)
 * @param lineage           this cluster's identity, made with its first state (Terraform's lineage): a cluster
 *                          deleted and made again under the same name has another; null before kubik kept one
 * @param serial            how many times kubik has changed the cluster: each apply that changes something adds one,
 *                          so a plan made from an older state is known to be stale
 */
public record ClusterState(String profile, String driver, String runtime, String bootstrapper, String kubernetesVersion,
                           boolean networkReady, boolean controlPlaneReady, List<MachineRecord> machines,
                           List<String> addons, List<String> certifiedControlPlanes, String lineage, long serial) {
    public ClusterState {
        machines = List.copyOf(machines);
        addons = List.copyOf(addons);
        certifiedControlPlanes = certifiedControlPlanes == null ? List.of() : List.copyOf(certifiedControlPlanes);
    }

    public ClusterState(String profile, String driver, String runtime, String bootstrapper, String kubernetesVersion,
                        boolean networkReady, boolean controlPlaneReady, List<MachineRecord> machines, List<String> addons) {
        this(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady, machines, addons,
                List.of(), null, 0);
    }

    public ClusterState withCertifiedControlPlanes(List<String> names) {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady,
                machines, addons, names, lineage, serial);
    }

    /**
     * The state an apply starts from: one serial further, and with a lineage if it had none (a new cluster, or one
     * recorded before kubik kept lineages).
     */
    public ClusterState nextSerial() {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady,
                machines, addons, certifiedControlPlanes, lineage != null ? lineage : java.util.UUID.randomUUID().toString(),
                serial + 1);
    }

    /** A cluster of which nothing exists yet. */
    public static ClusterState none(String profile) {
        return new ClusterState(profile, null, null, null, null, false, false, List.of(), List.of());
    }

    public boolean exists() {
        return networkReady || !machines.isEmpty();
    }

    /** How many of the recorded machines are control planes (as ClusterSpec#controlPlaneCount counts a script's). */
    public int controlPlaneCount() {
        return (int) machines.stream().filter(m -> m.role() == Role.CONTROL_PLANE).count();
    }

    public Optional<MachineRecord> machine(String name) {
        return machines.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The same state with this machine added or replaced. */
    public ClusterState withMachine(MachineRecord machine) {
        List<MachineRecord> updated = new java.util.ArrayList<>(machines.stream().filter(m -> !m.name().equals(machine.name())).toList());
        updated.add(machine);
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady, updated, addons, certifiedControlPlanes, lineage, serial);
    }

    public ClusterState withoutMachine(String name) {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady,
                machines.stream().filter(m -> !m.name().equals(name)).toList(), addons, certifiedControlPlanes, lineage, serial);
    }

    public ClusterState withNetworkReady(boolean ready) {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, ready, controlPlaneReady, machines, addons, certifiedControlPlanes, lineage, serial);
    }

    public ClusterState withControlPlaneReady(boolean ready) {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, ready, machines, addons, certifiedControlPlanes, lineage, serial);
    }

    public ClusterState withAddons(List<String> enabled) {
        return new ClusterState(profile, driver, runtime, bootstrapper, kubernetesVersion, networkReady, controlPlaneReady, machines, enabled, certifiedControlPlanes, lineage, serial);
    }

    /**
     * The same state, now made by this driver, runtime, bootstrapper and version. Joined machines keep the version
     * they run, written down now if the record did not have it, so an upgrade stopped half-way knows where each is.
     */
    public ClusterState madeWith(String newDriver, String newRuntime, String newBootstrapper, String newVersion) {
        List<MachineRecord> pinned = machines.stream()
                .map(m -> m.joined() && m.kubernetesVersion() == null && kubernetesVersion != null
                        ? m.withKubernetesVersion(kubernetesVersion) : m).toList();
        return new ClusterState(profile, newDriver, newRuntime, newBootstrapper, newVersion, networkReady, controlPlaneReady, pinned, addons, certifiedControlPlanes, lineage, serial);
    }

    /** The Kubernetes versions the joined machines run now, oldest record first (one, unless an upgrade stopped half-way). */
    public List<String> runningVersions() {
        return machines.stream().filter(MachineRecord::joined).map(this::versionOf).filter(java.util.Objects::nonNull)
                .distinct().toList();
    }

    /**
     * Why this cluster cannot move in place to {@code version}, by the bootstrapper's own rule: one problem for each
     * version its nodes run ("cluster 'dev' runs Kubernetes v1.34.10: …"). None when the bootstrapper does not upgrade
     * in place, when nothing runs yet, or when the cluster is rebuilt anyway (another driver, runtime or bootstrapper).
     */
    public List<dev.kubik.spi.SettingProblem> refusedUpgrades(String newDriver, String newRuntime,
                                                               dev.kubik.spi.BootstrapperDescriptor bootstrapper, String version) {
        if (!bootstrapper.capabilities().contains(dev.kubik.spi.Capability.UPGRADE) || !controlPlaneReady
                || !java.util.Objects.equals(driver, newDriver) || !bootstrapper.name().equals(this.bootstrapper)
                || !java.util.Objects.equals(runtime, newRuntime)) {
            return List.of();
        }
        return runningVersions().stream().flatMap(running -> bootstrapper.upgradeProblem(running, version).stream()
                .map(p -> new dev.kubik.spi.SettingProblem(p.setting(), "cluster '" + profile + "' runs Kubernetes " + running
                        + ": " + p.message(), p.fix()))).toList();
    }

    /** The Kubernetes a joined machine runs: its own record, or (state from before kubik kept it) the cluster's. */
    public String versionOf(MachineRecord machine) {
        return machine.kubernetesVersion() != null ? machine.kubernetesVersion() : kubernetesVersion;
    }
}
