package dev.kubik.spi;

/**
 * Turns running machines into a cluster: what it is ({@link BootstrapperDescriptor}) and what it does. Found with
 * {@link java.util.ServiceLoader} like drivers. Everything about the Kubernetes it installs (binaries, preloads,
 * where certificates go in a node, the order of init) is its own; the engine hands it nodes, the cluster's PKI and
 * downloads through kubik's cache.
 */
public interface Bootstrapper extends BootstrapperDescriptor {

    /** Configures and starts the node's container runtime, and checks that it answers. */
    void prepareRuntime(NodeContext node);

    /**
     * Every file this bootstrapper writes to the node, path to content, without touching it ({@code kubik render}).
     *
     * @param primary whether the node is the first control plane (which gets the cluster's own files)
     */
    default java.util.Map<String, String> render(NodeContext node, boolean primary) {
        return java.util.Map.of();
    }

    /** The files enabling this addon writes to the first control plane, path to content ({@code kubik render}). */
    default java.util.Map<String, String> renderAddon(String addon) {
        return java.util.Map.of();
    }

    /**
     * Creates the cluster on the first control-plane node, with {@code pki} (its serving certificate names every
     * control-plane address).
     */
    void initControlPlane(NodeContext node, ClusterPki pki);

    /**
     * The cluster's serving certificate was made again (control planes added or removed): install it on the
     * primary and make the API server serve it.
     */
    default void certificatesChanged(NodeContext primary, ClusterPki pki) {
    }

    /** Joins a node to the cluster whose control plane is {@code controlPlane}. */
    void join(NodeContext node, NodeContext controlPlane);

    /**
     * Puts the binaries of the script's version ({@code node.kubernetesVersion()}) into the node, changing nothing
     * that runs: a step of its own before init or join, and into every node before the first is upgraded. Called
     * only when {@link #installsKubernetes()}.
     */
    void installBinaries(NodeContext node);

    /**
     * Moves one node from {@code from} to the script's version ({@code node.kubernetesVersion()}); the engine calls
     * it for the primary first, then the other control planes, then the workers, one at a time.
     */
    default void upgrade(NodeContext node, NodeContext primary, String from) {
        throw new DriverException("the " + name() + " bootstrapper cannot upgrade Kubernetes in place", null);
    }

    /**
     * A snapshot of the cluster's etcd, taken on a control plane while it runs, as the bytes of etcd's snapshot
     * file ({@link Capability#ETCD_SNAPSHOTS}).
     */
    default byte[] saveEtcdSnapshot(NodeContext controlPlane) {
        throw new DriverException("the " + name() + " bootstrapper cannot save etcd snapshots", null);
    }

    /**
     * Replaces the cluster's etcd data with a snapshot {@link #saveEtcdSnapshot} took, on the only control plane,
     * and waits until the API server answers again. The engine checks the snapshot's checksum and version first.
     */
    default void restoreEtcdSnapshot(NodeContext controlPlane, byte[] snapshot) {
        throw new DriverException("the " + name() + " bootstrapper cannot restore etcd snapshots", null);
    }

    /**
     * {@code minikube pause}: freezes the node's Kubernetes (its kubelet stopped, the system pods' containers
     * paused) and keeps the machine running; with {@code pause} false, thaws it. Returns the containers changed.
     */
    default java.util.List<String> pause(NodeContext node, boolean pause) {
        throw new DriverException("the " + name() + " bootstrapper runs no Kubernetes to pause", "pause is for clusters with bootstrapper 'kubeadm'");
    }

    /** Whether {@link #pause} froze the node's Kubernetes and nothing has thawed it yet. */
    default boolean paused(NodeContext node) {
        return false;
    }

    /**
     * Resumes what {@link #pause} froze, leaving the rest (the kubelet) as it is: before a machine stops or is
     * removed, since a frozen process cannot die.
     */
    default void thaw(NodeContext node) {
    }

    /** Moves workloads off a node that is about to be removed, from the control plane. */
    default void drain(NodeContext controlPlane, String node) {
    }

    /** Undoes what this bootstrapper did on the node (before the machine is removed). */
    void reset(NodeContext node);

    /** Enables (or, with {@code enable} false, disables) an addon from the control plane. */
    default void addon(NodeContext controlPlane, String addon, boolean enable) {
        throw new DriverException("the " + name() + " bootstrapper has no addons", "use bootstrapper 'kubeadm'");
    }
}
