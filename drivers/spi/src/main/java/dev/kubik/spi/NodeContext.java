package dev.kubik.spi;

/**
 * One node as a bootstrapper sees it.
 *
 * @param cluster           profile name
 * @param name              node (and machine) name
 * @param role              control-plane or worker
 * @param ip                address on the cluster network
 * @param runtime           containerd, docker or cri-o
 * @param kubernetesVersion e.g. v1.34.0
 * @param runner            runs commands on the node
 * @param reporter          tells the user what happens
 */
public record NodeContext(String cluster, String name, String role, String ip, String runtime,
                          String kubernetesVersion, CommandRunner runner, Reporter reporter) {
}
