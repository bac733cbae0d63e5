package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.runtime.RuntimeFiles;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * etcd snapshots with the tools of etcd's own container (the node has no etcdctl): {@code etcdctl snapshot save}
 * through the API server's etcd client certificate, {@code etcdutl snapshot restore} into a new data directory.
 * Both write under etcd's data directory, the only host path its container and the node share besides the
 * certificates. Restoring swaps the data directory with the control plane's static pods moved aside, kubeadm's
 * documented way to stop them, and keeps the old data until the API server answers from the new.
 */
final class EtcdSnapshot {
    private static final String SNAPSHOT = KubeadmPaths.ETCD_DATA + "/kubik-snapshot.db";
    private static final String RESTORE_FROM = KubeadmPaths.ETCD_DATA + "/kubik-restore.db";
    private static final String RESTORED = KubeadmPaths.ETCD_DATA + "/kubik-restored";
    private static final String PREVIOUS = KubeadmPaths.ETCD_DATA + "/member.before-restore";
    /** Where the control plane's static pod manifests wait while etcd's data is swapped. */
    static final String PAUSED = "/etc/kubernetes/kubik-paused";
    private static final List<String> CONTROL_PLANE = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
    /**
     * Runs its arguments in the newest running etcd container: $0 the CRI socket, the rest the command. kubeadm
     * itself no longer needs crictl (1.31), so a host may lack it: said as such.
     */
    private static final String IN_ETCD = "command -v crictl >/dev/null || { echo 'crictl is not installed on the node: "
            + "kubik reaches etcd through it (the kicbase node image has it; on a host of your own, install cri-tools)' >&2; exit 4; }; "
            + "s=$0; id=$(crictl --runtime-endpoint \"$s\" ps -q --state running --name '^etcd$' | head -n 1); "
            + "[ -n \"$id\" ] || { echo 'no running etcd container' >&2; exit 3; }; crictl --runtime-endpoint \"$s\" exec \"$id\" \"$@\"";

    private EtcdSnapshot() {
    }

    static byte[] save(NodeContext node) {
        String certs = KubeadmPaths.CERTIFICATES;
        inEtcd(node, Duration.ofMinutes(5), "saving an etcd snapshot", "etcdctl", "--endpoints=https://127.0.0.1:2379",
                "--cacert=" + certs + "/etcd/ca.crt", "--cert=" + certs + "/apiserver-etcd-client.crt",
                "--key=" + certs + "/apiserver-etcd-client.key", "snapshot", "save", SNAPSHOT);
        try {
            String sum = KubeadmBootstrapper.run(node, List.of("sudo", "sha256sum", SNAPSHOT), Duration.ofMinutes(1),
                    "checksumming the snapshot").stdout().strip().split("\\s+")[0];
            String base64 = KubeadmBootstrapper.run(node, List.of("sudo", "base64", "-w0", SNAPSHOT), Duration.ofMinutes(5),
                    "reading the snapshot").stdout().strip();
            byte[] snapshot = Base64.getDecoder().decode(base64);
            if (!RuntimeFiles.sha256(snapshot).equals(sum)) {
                throw new DriverException("the snapshot read from " + node.name() + " does not match its checksum there", "save it again");
            }
            return snapshot;
        } finally {
            node.runner().run(List.of("sudo", "rm", "-f", SNAPSHOT), Duration.ofSeconds(30));
        }
    }

    /** Everything up to the API server's return: restore beside the data, stop, swap, start. */
    static void restore(NodeContext node, byte[] snapshot) {
        node.runner().writeFile(RESTORE_FROM, snapshot, 0600);
        String peer = "https://" + node.ip() + ":2380";
        node.runner().run(List.of("sudo", "rm", "-rf", RESTORED), Duration.ofSeconds(30));
        inEtcd(node, Duration.ofMinutes(5), "restoring the snapshot beside etcd's data", "etcdutl", "snapshot", "restore",
                RESTORE_FROM, "--data-dir", RESTORED, "--name", node.name(), "--initial-cluster", node.name() + "=" + peer,
                "--initial-advertise-peer-urls", peer);
        List<String> stop = new java.util.ArrayList<>(List.of("sudo", "sh", "-c",
                "m=$0; p=$1; shift; mkdir -p \"$p\" && for c in \"$@\"; do [ ! -e \"$m/$c.yaml\" ] || mv \"$m/$c.yaml\" \"$p/\"; done",
                KubeadmPaths.STATIC_PODS, PAUSED));
        stop.addAll(CONTROL_PLANE);
        try {
            KubeadmBootstrapper.run(node, stop, Duration.ofSeconds(30), "moving the control plane's static pods aside");
            // The kubelet stops a static pod whose manifest is gone; etcd must be down before its data moves.
            KubeadmBootstrapper.run(node, List.of("sudo", "sh", "-c", "for i in $(seq 1 120); do "
                    + "[ -z \"$(crictl --runtime-endpoint \"$0\" ps -q --name '^(etcd|kube-apiserver)$')\" ] && exit 0; sleep 1; done; "
                    + "echo 'etcd and the API server still run 2 minutes after their manifests moved' >&2; exit 1",
                    ContainerRuntimes.of(node.runtime()).criSocket()), Duration.ofMinutes(3), "stopping etcd");
            KubeadmBootstrapper.run(node, List.of("sudo", "sh", "-c", "d=$0; rm -rf \"$d/member.before-restore\" && "
                            + "mv \"$d/member\" \"$d/member.before-restore\" && mv \"$d/kubik-restored/member\" \"$d/member\" && "
                            + "rm -rf \"$d/kubik-restored\" \"$d/kubik-restore.db\"", KubeadmPaths.ETCD_DATA),
                    Duration.ofMinutes(1), "swapping etcd's data");
        } catch (DriverException failed) {
            // Back to the data and the control plane as they were: a failed restore must not leave the cluster down.
            node.runner().run(List.of("sudo", "sh", "-c", "d=$0; m=$1; p=$2; "
                    + "[ -d \"$d/member\" ] || mv \"$d/member.before-restore\" \"$d/member\"; "
                    + "rm -rf \"$d/kubik-restored\" \"$d/kubik-restore.db\"; "
                    + "[ ! -d \"$p\" ] || { mv \"$p\"/*.yaml \"$m\"/ 2>/dev/null; rmdir \"$p\"; }",
                    KubeadmPaths.ETCD_DATA, KubeadmPaths.STATIC_PODS, PAUSED), Duration.ofMinutes(1));
            throw new DriverException(failed.getMessage() + "; the data and static pods were put back as they were", failed.fix(), failed);
        }
        KubeadmBootstrapper.run(node, List.of("sudo", "sh", "-c", "mv \"$1\"/*.yaml \"$0\"/ && rmdir \"$1\"",
                KubeadmPaths.STATIC_PODS, PAUSED), Duration.ofSeconds(30), "putting the control plane's static pods back");
    }

    /** The data before the restore, kept until the API server answered from the restored data. */
    static void forgetPrevious(NodeContext node) {
        node.runner().run(List.of("sudo", "rm", "-rf", PREVIOUS), Duration.ofMinutes(1));
    }

    private static void inEtcd(NodeContext node, Duration timeout, String what, String... command) {
        List<String> argv = new java.util.ArrayList<>(List.of("sudo", "sh", "-c", IN_ETCD,
                ContainerRuntimes.of(node.runtime()).criSocket()));
        argv.addAll(List.of(command));
        KubeadmBootstrapper.run(node, argv, timeout, what);
    }
}
