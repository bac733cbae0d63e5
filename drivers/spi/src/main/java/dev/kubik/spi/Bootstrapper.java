package dev.kubik.spi;

import java.util.List;

/**
 * Turns running machines into a cluster. Found with {@link java.util.ServiceLoader} like drivers.
 */
public interface Bootstrapper {

    /** The name scripts use in {@code bootstrapper '...'}. */
    String name();

    String description();

    /** Whether this bootstrapper installs Kubernetes (addons and the kubeconfig need it). */
    boolean installsKubernetes();

    /** The container runtimes this bootstrapper can configure. */
    default List<String> runtimes() {
        return ContainerRuntimes.names();
    }

    /** Configures and starts the node's container runtime, and checks that it answers. */
    default void prepareRuntime(NodeContext node) {
        ContainerRuntimes.start(node);
    }

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

    /** Creates the cluster on the first control-plane node. */
    void initControlPlane(NodeContext node);

    /**
     * The primary's certificates were replaced (new control-plane addresses): make the API server serve the new
     * one.
     */
    default void certificatesChanged(NodeContext primary) {
    }

    /** Joins a node to the cluster whose control plane is {@code controlPlane}. */
    void join(NodeContext node, NodeContext controlPlane);

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
