package dev.kubik.dsl.lang;

import java.util.List;
import java.util.Optional;

/**
 * Every keyword of the cluster language. Completion, {@code /help}, "did you mean" and argument checking all
 * read this one table, so a keyword added here is known everywhere.
 */
public final class Vocabulary {

    private static final List<Keyword> KEYWORDS = List.of(
            kw("cluster", Block.SCRIPT, ValueKind.OPTIONALLY_NAMED_BLOCK, false, "cluster('dev') { driver 'docker' }",
                    "Describes one cluster. The name is the profile (default 'kubik'); running the script makes the cluster match."),

            kw("driver", Block.CLUSTER, ValueKind.TEXT, false, "driver 'docker'",
                    "What the machines run on: docker, podman, qemu, vfkit (macOS), hyperv (Windows), ssh, none. Omitted: auto-selected."),
            kw("cpus", Block.CLUSTER, ValueKind.COUNT, false, "cpus 2", "Virtual CPUs per node, from 1 to the host's cores."),
            kw("memory", Block.CLUSTER, ValueKind.SIZE, false, "memory '8g'", "Memory per node: MiB as a number, or '512m' / '8g'. At least 1800 MiB with Kubernetes, 512 MiB with bootstrapper 'none'."),
            kw("disk", Block.CLUSTER, ValueKind.SIZE, false, "disk '20g'", "Disk per node: MiB as a number, or '20g'. At least 2000 MiB."),
            kw("kubernetes", Block.CLUSTER, ValueKind.BLOCK, false, "kubernetes { version 'v1.34.0' }", "Kubernetes version, runtime, bootstrapper and networking."),
            kw("nodes", Block.CLUSTER, ValueKind.COUNT, false, "nodes 3", "How many unnamed nodes: control planes first, then workers (named nodes come on top)."),
            kw("controlPlanes", Block.CLUSTER, ValueKind.COUNT, false, "controlPlanes 3", "How many of the unnamed nodes are control planes (more than 1 is HA)."),
            kw("node", Block.CLUSTER, ValueKind.NAMED_BLOCK, true, "node('db') { role 'worker'; memory '2g' }", "A named node with its own role, resources and labels."),
            kw("addons", Block.CLUSTER, ValueKind.TEXTS, true, "addons 'storage-provisioner', 'metrics-server'", "Addons to enable once Kubernetes runs."),
            kw("mount", Block.CLUSTER, ValueKind.MOUNT, true, "mount '/home/me/src', to: '/src'", "Shares a host directory into every node; both paths absolute."),
            kw("port", Block.CLUSTER, ValueKind.PORT, true, "port 8080, to: 80", "Forwards 127.0.0.1:<host port> to a port of the primary node."),
            kw("apiServerPort", Block.CLUSTER, ValueKind.COUNT, false, "apiServerPort 8443",
                    "The port the API server listens on in its node (default 8443); the driver publishes it and the kubeconfig uses it."),
            kw("keepContext", Block.CLUSTER, ValueKind.BOOL, false, "keepContext true",
                    "Leave kubectl's current context alone (default: the cluster's context becomes current)."),
            kw("options", Block.CLUSTER, ValueKind.BLOCK, false, "options { image 'kubik/node:dev' }", "Driver-specific options, checked against the driver's option schema ('kubik drivers')."),

            kw("version", Block.KUBERNETES, ValueKind.TEXT, false, "version 'v1.34.0'", "Kubernetes version: any patch release of a supported minor, or a minor alone ('v1.36') for its newest patch."),
            kw("runtime", Block.KUBERNETES, ValueKind.TEXT, false, "runtime 'containerd'", "Container runtime: containerd, docker or cri-o."),
            kw("bootstrapper", Block.KUBERNETES, ValueKind.TEXT, false, "bootstrapper 'kubeadm'", "kubeadm, or none for machines and a container runtime only."),
            kw("podSubnet", Block.KUBERNETES, ValueKind.TEXT, false, "podSubnet '10.244.0.0/16'", "CIDR for pod addresses."),
            kw("serviceSubnet", Block.KUBERNETES, ValueKind.TEXT, false, "serviceSubnet '10.96.0.0/12'", "CIDR for service addresses; must not overlap podSubnet."),
            kw("dnsDomain", Block.KUBERNETES, ValueKind.TEXT, false, "dnsDomain 'cluster.local'", "The cluster's DNS domain."),
            kw("extraConfig", Block.KUBERNETES, ValueKind.FLAGS, true, "extraConfig 'kubelet.max-pods': 150",
                    "Component flags as 'component.flag': value; components: apiserver, controller-manager, scheduler, kubelet, kube-proxy, etcd, kubeadm."),
            kw("featureGates", Block.KUBERNETES, ValueKind.FLAGS, true, "featureGates 'SidecarContainers': true", "Kubernetes feature gates, each true or false."),
            kw("registryMirrors", Block.KUBERNETES, ValueKind.FLAGS, true, "registryMirrors 'docker.io': 'https://mirror.example:5000'",
                    "Per registry, a mirror URL (or a list of them) the runtime pulls from first; the registry stays the fallback."),
            kw("imageRepository", Block.KUBERNETES, ValueKind.TEXT, false, "imageRepository 'registry.example/k8s'",
                    "Where kubeadm pulls the control-plane and pause images from instead of registry.k8s.io."),
            kw("binaries", Block.KUBERNETES, ValueKind.TEXT, false, "binaries '/opt/kubernetes/v1.34.0'",
                    "A host directory with kubeadm, kubelet and kubectl for the version, used instead of downloading them."),

            kw("role", Block.NODE, ValueKind.TEXT, false, "role 'worker'", "control-plane or worker (default worker)."),
            kw("cpus", Block.NODE, ValueKind.COUNT, false, "cpus 2", "Virtual CPUs for this node."),
            kw("memory", Block.NODE, ValueKind.SIZE, false, "memory '2g'", "Memory for this node."),
            kw("disk", Block.NODE, ValueKind.SIZE, false, "disk '20g'", "Disk for this node."),
            kw("labels", Block.NODE, ValueKind.FLAGS, true, "labels tier: 'db'", "Kubernetes labels for this node."),
            kw("host", Block.NODE, ValueKind.TEXT, false, "host '10.0.0.5'",
                    "An existing machine this node is (driver 'ssh'): its host name or address."),
            kw("port", Block.NODE, ValueKind.COUNT, false, "port 2222", "The existing host's SSH port (default 22)."),
            kw("user", Block.NODE, ValueKind.TEXT, false, "user 'ubuntu'",
                    "The login on the existing host; it needs sudo without a password."),
            kw("key", Block.NODE, ValueKind.TEXT, false, "key '~/.ssh/id_ed25519'",
                    "The private key for that login: a file only you can read."),
            kw("hostKey", Block.NODE, ValueKind.TEXT, false, "hostKey 'SHA256:…'",
                    "The host's SSH key fingerprint (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it); without it kubik asks."));

    private Vocabulary() {
    }

    private static Keyword kw(String name, Block block, ValueKind kind, boolean repeatable, String example, String doc) {
        return new Keyword(name, block, kind, repeatable, example, doc);
    }

    public static List<Keyword> all() {
        return KEYWORDS;
    }

    public static List<Keyword> in(Block block) {
        return KEYWORDS.stream().filter(k -> k.block() == block).toList();
    }

    public static Optional<Keyword> find(Block block, String name) {
        return KEYWORDS.stream().filter(k -> k.block() == block && k.name().equals(name)).findFirst();
    }

    /** The blocks other than {@code block} where {@code name} is a keyword. */
    public static List<Block> elsewhere(Block block, String name) {
        return KEYWORDS.stream().filter(k -> k.block() != block && k.name().equals(name)).map(Keyword::block).toList();
    }
}
