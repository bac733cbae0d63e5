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
 * @param reporter   tells the user what happens
 * @param hostCache  kubik's download cache on the host ({@code ~/.kubik/cache}), where binaries are looked for
 */
public record NodeContext(String cluster, String name, String role, String ip, KubernetesSpec kubernetes,
                          CommandRunner runner, Reporter reporter, java.nio.file.Path hostCache) {

    public String runtime() {
        return kubernetes.runtime();
    }

    public String kubernetesVersion() {
        return kubernetes.version();
    }
}
