package dev.kubik.plan;

/** The kinds of resource a plan acts on. */
public enum StepKind {
    /** The network the cluster's machines share. */
    NETWORK("network"),
    /** A machine: created, resized, replaced or removed. */
    MACHINE("machine"),
    /** A stopped machine started again. */
    START("machine"),
    /** A running machine stopped; its disk and state are kept. */
    STOP("machine"),
    /** The container runtime on a machine, configured and started. */
    RUNTIME("runtime"),
    /** The first control plane, initialised. */
    CONTROL_PLANE("control-plane"),
    /** The API server's serving certificate, made again because the control planes it must name changed. */
    CERTIFICATES("certificate"),
    /** A node joined to the cluster. */
    JOIN("join"),
    /**
     * Kubernetes binaries put into a node: into one node before its init or join (the step's target is the node),
     * or a new version's into every node that moves to it, before anything running changes (the target is the version).
     */
    BINARIES("binaries"),
    /** A node moved to a newer Kubernetes version in place. */
    UPGRADE("kubernetes"),
    /** A node drained before its machine is removed. */
    DRAIN("drain"),
    /** What the bootstrapper did on an adopted host, undone before the host is released. */
    RESET("reset"),
    /** The cluster's entry (cluster, user, context) in the user's kubeconfig. */
    KUBECONFIG("kubeconfig"),
    /** An addon enabled or disabled. */
    ADDON("addon");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
