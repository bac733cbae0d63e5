package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.snapshots.EtcdSnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik etcd snapshot save|ls|rm|restore}: a cluster's etcd, saved to and restored from the host. */
@Command(name = "etcd", description = "A cluster's etcd: snapshots saved on the host and restored.",
        subcommands = EtcdCommand.Snapshot.class)
final class EtcdCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "snapshot", description = "etcd snapshots in ~/.kubik/profiles/PROFILE/snapshots, with their sha256 and "
            + "Kubernetes version; deleting the cluster deletes them.",
            subcommands = {Save.class, ListSnapshots.class, Remove.class, Restore.class})
    static final class Snapshot implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }

    private static EtcdSnapshots snapshots() {
        return Main.service().snapshots();
    }

    @Command(name = "save", description = "Takes a snapshot of the running cluster's etcd (etcdctl in etcd's container).")
    static final class Save implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the snapshot's name: letters, digits, '.', '_' and '-'")
        String name;
        @Mixin
        ProfileOption profile = new ProfileOption();

        @Override
        public Integer call() {
            EtcdSnapshots.Snapshot saved = snapshots().save(profile.orDefault(), name);
            System.out.println("Saved etcd snapshot " + saved.name() + " of cluster '" + profile.orDefault() + "' ("
                    + saved.bytes() + " bytes, Kubernetes " + saved.kubernetesVersion() + ", sha256 " + saved.sha256() + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "ls", aliases = "list", description = "The cluster's snapshots, oldest first.")
    static final class ListSnapshots implements Callable<Integer> {
        @Mixin
        ProfileOption profile = new ProfileOption();

        @Override
        public Integer call() {
            Table table = new Table("NAME", "CREATED", "KUBERNETES", "BYTES", "SHA256");
            for (EtcdSnapshots.Snapshot s : snapshots().list(profile.orDefault())) {
                table.row(s.name(), s.created(), s.kubernetesVersion(), String.valueOf(s.bytes()), s.sha256());
            }
            System.out.print(table);
            return ExitCodes.OK;
        }
    }

    /** A command on one named snapshot of a cluster: what it does, and what it says when done. */
    abstract static class OnSnapshot implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @Mixin
        ProfileOption profile = new ProfileOption();

        abstract String act(EtcdSnapshots snapshots, String cluster, String snapshot);

        @Override
        public Integer call() {
            System.out.println(act(snapshots(), profile.orDefault(), name));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Removes a snapshot from the host.")
    static final class Remove extends OnSnapshot {
        @Override
        String act(EtcdSnapshots snapshots, String cluster, String snapshot) {
            snapshots.remove(cluster, snapshot);
            return "Removed etcd snapshot " + snapshot + " of cluster '" + cluster + "'";
        }
    }

    @Command(name = "restore", description = "Replaces the cluster's etcd data with a snapshot: checks its sha256 and "
            + "Kubernetes minor, stops the control plane's static pods, restores, starts them, waits for the API server. "
            + "One control plane only.")
    static final class Restore extends OnSnapshot {
        @Override
        String act(EtcdSnapshots snapshots, String cluster, String snapshot) {
            snapshots.restore(cluster, snapshot);
            return "Restored etcd snapshot " + snapshot + " into cluster '" + cluster + "'";
        }
    }
}
