package dev.kubik.engine.snapshots;

import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.MachineRecord;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.Capability;
import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host's side of etcd snapshots: files, checksums and the checks made before the bootstrapper is asked. */
class EtcdSnapshotsTest {
    @TempDir
    Path home;

    /** A bootstrapper whose etcd is a byte array. */
    static final class Etcd implements Bootstrapper {
        byte[] data = "generation 1".getBytes();
        final List<String> calls = new ArrayList<>();

        @Override public String name() { return "fake"; }
        @Override public String description() { return "fake"; }
        @Override public boolean installsKubernetes() { return true; }
        @Override public List<String> runtimes() { return List.of("containerd"); }
        @Override public Set<Capability> capabilities() { return Set.of(Capability.KUBERNETES, Capability.ETCD_SNAPSHOTS); }
        @Override public void prepareRuntime(NodeContext node) { }
        @Override public void initControlPlane(NodeContext node, ClusterPki pki) { }
        @Override public void join(NodeContext node, NodeContext controlPlane) { }
        @Override public void installBinaries(NodeContext node) { }
        @Override public void reset(NodeContext node) { }

        @Override
        public byte[] saveEtcdSnapshot(NodeContext controlPlane) {
            calls.add("save on " + controlPlane.name());
            return data.clone();
        }

        @Override
        public void restoreEtcdSnapshot(NodeContext controlPlane, byte[] snapshot) {
            calls.add("restore on " + controlPlane.name());
            data = snapshot.clone();
        }
    }

    final Etcd etcd = new Etcd();
    ClusterState state = cluster("v1.36.3", 1);

    static ClusterState cluster(String version, int controlPlanes) {
        List<MachineRecord> machines = new ArrayList<>();
        for (int i = 0; i < controlPlanes + 1; i++) {
            String name = i == 0 ? "dev" : "dev-m0" + (i + 1);
            machines.add(new MachineRecord(name, name, i < controlPlanes ? Role.CONTROL_PLANE : Role.WORKER,
                    new Resources(2, 2048, 20000), Map.of(), MachineState.RUNNING, true, true));
        }
        return new ClusterState("dev", "docker", "containerd", "fake", version, true, true, machines, List.of());
    }

    EtcdSnapshots snapshots() {
        CommandRunner none = new CommandRunner() {
            @Override public dev.kubik.spi.CommandResult run(List<String> argv, java.time.Duration timeout) { throw new AssertionError(); }
            @Override public void writeFile(String path, byte[] content, int mode) { throw new AssertionError(); }
        };
        KubernetesSpec k8s = new KubernetesSpec("v1.36.3", "containerd", "fake", "10.244.0.0/16", "10.96.0.0/12", "cluster.local", Map.of(), Map.of());
        return new EtcdSnapshots(profile -> home.resolve(profile), new EtcdSnapshots.OnPrimary() {
            @Override
            public <T> T run(String profile, EtcdSnapshots.PrimaryWork<T> work) {
                return work.apply(state, etcd, new NodeContext(profile, "dev", "control-plane", "10.0.0.2", k8s, none, Reporter.SILENT, home));
            }
        });
    }

    @Test
    void aSavedSnapshotIsTheOwnersOnlyWithItsChecksumAndVersionAndComesBackByRestore() throws Exception {
        EtcdSnapshots.Snapshot saved = snapshots().save("dev", "before-upgrade");
        Path db = home.resolve("dev/snapshots/before-upgrade.db");

        assertThat(Files.readAllBytes(db)).isEqualTo("generation 1".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        assertThat(saved.sha256()).isEqualTo(EtcdSnapshots.sha256("generation 1".getBytes()));
        assertThat(saved.kubernetesVersion()).isEqualTo("v1.36.3");
        assertThat(saved.bytes()).isEqualTo(12);
        assertThat(snapshots().list("dev")).containsExactly(saved);

        etcd.data = "generation 2".getBytes();
        snapshots().restore("dev", "before-upgrade");
        assertThat(etcd.data).isEqualTo("generation 1".getBytes());
        assertThat(etcd.calls).containsExactly("save on dev", "restore on dev");

        snapshots().remove("dev", "before-upgrade");
        assertThat(snapshots().list("dev")).isEmpty();
        assertThat(db).doesNotExist();
    }

    @Test
    void aNameIsNotReusedAndNotAPath() {
        snapshots().save("dev", "one");
        assertThatThrownBy(() -> snapshots().save("dev", "one")).hasMessageContaining("already has a snapshot named one");
        assertThatThrownBy(() -> snapshots().save("dev", "../state")).hasMessageContaining("'../state' is not a snapshot name");
        assertThatThrownBy(() -> snapshots().restore("dev", "two")).isInstanceOf(DriverException.class)
                .hasMessage("cluster 'dev' has no snapshot named two")
                .satisfies(e -> assertThat(((DriverException) e).fix()).isEqualTo("snapshots: one"));
        assertThat(etcd.calls).containsExactly("save on dev");
    }

    @Test
    void aChangedFileAnotherMinorOrSeveralControlPlanesAreRefusedBeforeTheBootstrapperIsAsked() throws Exception {
        snapshots().save("dev", "snap");
        Path db = home.resolve("dev/snapshots/snap.db");

        Files.write(db, "tampered".getBytes());
        assertThatThrownBy(() -> snapshots().restore("dev", "snap")).hasMessageContaining("does not match its recorded sha256");
        Files.write(db, "generation 1".getBytes());

        state = cluster("v1.37.0", 1);
        assertThatThrownBy(() -> snapshots().restore("dev", "snap"))
                .hasMessageContaining("snapshot snap was taken from Kubernetes v1.36.3 and cluster 'dev' runs v1.37.0");
        state = cluster("v1.36.1", 1);
        snapshots().restore("dev", "snap"); // another patch of the same minor is fine

        state = cluster("v1.36.3", 3);
        assertThatThrownBy(() -> snapshots().restore("dev", "snap"))
                .hasMessageContaining("cluster 'dev' has 3 control planes (dev, dev-m02, dev-m03)");
        assertThat(etcd.calls).containsExactly("save on dev", "restore on dev");
    }
}
