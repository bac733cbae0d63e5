package dev.kubik.spi;

/**
 * What a driver or a bootstrapper can do beyond the basics (kontainer-engine's GetCapabilities): declared by each,
 * so validation refuses a script that asks for more ("driver 'qemu' cannot share host folders") and names who can.
 */
public enum Capability {
    /** The machines reach each other on a cluster network (drivers). */
    MULTI_NODE("multi-node", "several machines that reach each other"),
    /** Host folders shared into the machines: {@code mount} (drivers). */
    MOUNTS("mounts", "host folders shared into the machines (mount)"),
    /** Host ports forwarded to the first node: {@code port} (drivers). */
    PORT_FORWARDING("ports", "host ports forwarded to a node (port)"),
    /** Some of cpus, memory and disk change without a new machine (drivers; which ones: resizableInPlace). */
    RESIZE("resize", "cpus, memory or disk changed in place"),
    /** Installs Kubernetes, so addons and a kubeconfig context apply (bootstrappers). */
    KUBERNETES("kubernetes", "installs Kubernetes"),
    /** Moves a running cluster to a newer Kubernetes when the script's version changes (bootstrappers). */
    UPGRADE("upgrade", "upgrades Kubernetes in place"),
    /** Saves and restores etcd (bootstrappers). */
    ETCD_SNAPSHOTS("etcd-snapshots", "saves and restores etcd snapshots");

    private final String keyword;
    private final String description;

    Capability(String keyword, String description) {
        this.keyword = keyword;
        this.description = description;
    }

    /** How {@code kubik drivers --capabilities} and messages name it. */
    public String keyword() {
        return keyword;
    }

    public String description() {
        return description;
    }
}
