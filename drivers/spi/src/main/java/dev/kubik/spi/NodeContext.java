package dev.kubik.spi;

/**
 * One node as a bootstrapper sees it.
 *
 * @param cluster    profile name
 * @param name       node (and machine) name
 * @param role       control-plane or worker
 * @param ip         address on the cluster network
 * @param kubernetes the cluster's Kubernetes settings
 * @param runner     runs commands on the node
 * @param bulk       the driver's local channel to the node where it has one (docker exec), else {@code runner}: for
 *                   large streams such as preloads, with no encryption to pay on a local socket
 * @param reporter   tells the user what happens
 * @param hostCache  kubik's download cache on the host ({@code ~/.kubik/cache}), where binaries are looked for
 * @param artifacts  downloads into that cache (sha256, resume, progress, mirror)
 * @param controlPlanes how many control-plane nodes the cluster has (what leader election depends on)
 */
public record NodeContext(String cluster, String name, String role, String ip, KubernetesSpec kubernetes,
                          CommandRunner runner, CommandRunner bulk, Reporter reporter, java.nio.file.Path hostCache,
                          Artifacts artifacts, int controlPlanes) {

    /** A node reached only through {@code runner}, downloading nothing, in a cluster of {@code controlPlanes}: for {@code kubik render}. */
    public NodeContext(String cluster, String name, String role, String ip, KubernetesSpec kubernetes,
                       CommandRunner runner, Reporter reporter, java.nio.file.Path hostCache, int controlPlanes) {
        this(cluster, name, role, ip, kubernetes, runner, runner, reporter, hostCache, Artifacts.NONE, controlPlanes);
    }

    /** The same, in a cluster with one control plane: for tests. */
    public NodeContext(String cluster, String name, String role, String ip, KubernetesSpec kubernetes,
                       CommandRunner runner, Reporter reporter, java.nio.file.Path hostCache) {
        this(cluster, name, role, ip, kubernetes, runner, reporter, hostCache, 1);
    }

    public String runtime() {
        return kubernetes.runtime();
    }

    public String kubernetesVersion() {
        return kubernetes.version();
    }
}
