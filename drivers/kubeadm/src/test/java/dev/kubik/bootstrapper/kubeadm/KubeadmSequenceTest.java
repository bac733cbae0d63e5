package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commands kubeadm bootstrapping sends to nodes, in order, through a recording runner. */
class KubeadmSequenceTest {
    static final KubernetesSpec K8S = new KubernetesSpec("v1.34.0", "containerd", "kubeadm", "10.244.0.0/16",
            "10.96.0.0/12", "cluster.local", Map.of(), Map.of());
    @TempDir
    Path cache;

    /** The cluster's PKI as the engine hands it over; the client certificate must never reach a node. */
    static final ClusterPki PKI = new ClusterPki(java.util.stream.Stream.concat(KubeadmBootstrapper.NODE_CERTIFICATES.stream(),
            java.util.stream.Stream.of("client.crt", "client.key")).collect(java.util.stream.Collectors.toMap(f -> f, f -> ("pem of " + f).getBytes())));

    NodeContext node(String name, String role, String ip, RecordingRunner runner) {
        return new NodeContext("dev", name, role, ip, K8S, runner, Reporter.SILENT, cache);
    }

    @Test
    void initWritesFilesThenRunsKubeadmWaitsAndAppliesTheCni() {
        RecordingRunner cp = new RecordingRunner();
        new KubeadmBootstrapper().initControlPlane(node("dev", "control-plane", "192.168.49.2", cp), PKI);

        assertThat(cp.files).containsKeys("/lib/systemd/system/kubelet.service", "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf",
                "/etc/sysctl.d/99-kubik.conf", "/etc/modules-load.d/kubik.conf", "/var/tmp/kubik/kubeadm.yaml", "/var/tmp/kubik/cni.yaml");
        assertThat(cp.files.get("/lib/systemd/system/kubelet.service")).contains("ExecStart=/var/lib/kubik/binaries/v1.34.0/kubelet");
        int alias = cp.indexOf("control-plane.kubik.internal");
        int reload = cp.indexOf("systemctl daemon-reload");
        int init = cp.indexOf("kubeadm init --config /var/tmp/kubik/kubeadm.yaml --ignore-preflight-errors=" + KubeadmBootstrapper.IGNORED_PREFLIGHT);
        int ready = cp.indexOf("get --raw /readyz");
        int untaint = cp.indexOf("node-role.kubernetes.io/control-plane:NoSchedule-");
        int cni = cp.indexOf("apply -f /var/tmp/kubik/cni.yaml");
        assertThat(alias).isLessThan(reload);
        // The binaries are a plan step of their own, before init: init neither looks for them nor copies them.
        assertThat(cp.log).noneMatch(line -> line.contains("test -x") || line.contains("/binaries/v1.34.0/kubeadm 755"));
        assertThat(reload).isLessThan(init);
        assertThat(init).isLessThan(ready);
        assertThat(ready).isLessThan(untaint);
        assertThat(untaint).isLessThan(cni);
        assertThat(cp.log.get(cp.indexOf("wait --for=condition=Ready"))).endsWith("wait --for=condition=Ready node/dev --timeout=240s");
        assertThat(cp.indexOf("wait --for=condition=Ready")).isGreaterThan(cni);
        assertThat(cp.log.get(init)).startsWith("sudo env PATH=/var/lib/kubik/binaries/v1.34.0:");
        assertThat(cp.log.get(alias)).endsWith("sh 192.168.49.2 control-plane.kubik.internal");
        // The cluster's certificates go where kubeadm's certificatesDir points, keys 0600, before init; the user's
        // client certificate stays on the host.
        assertThat(cp.indexOf("write /var/lib/kubik/certs/ca.key 600")).isBetween(0, init);
        assertThat(cp.log).contains("write /var/lib/kubik/certs/apiserver.crt 644", "write /var/lib/kubik/certs/sa.pub 644");
        assertThat(cp.files).doesNotContainKeys("/var/lib/kubik/certs/client.crt", "/var/lib/kubik/certs/client.key");
    }

    @Test
    void workersJoinWithTheTokenTheControlPlanePrints() {
        RecordingRunner cp = new RecordingRunner().answer("token create", new CommandResult(0,
                "kubeadm join control-plane.kubik.internal:8443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:1234\n", ""));
        RecordingRunner worker = new RecordingRunner();
        new KubeadmBootstrapper().join(node("dev-m02", "worker", "192.168.49.3", worker), node("dev", "control-plane", "192.168.49.2", cp));

        String join = worker.log.get(worker.indexOf("kubeadm join"));
        assertThat(join).contains("kubeadm join control-plane.kubik.internal:8443 --token abcdef.0123456789abcdef "
                + "--discovery-token-ca-cert-hash sha256:1234 --node-name=dev-m02 --cri-socket=unix:///run/containerd/containerd.sock");
        assertThat(join).doesNotContain("--control-plane");
        assertThat(worker.log.get(worker.indexOf("control-plane.kubik.internal"))).endsWith("sh 192.168.49.2 control-plane.kubik.internal");
        assertThat(worker.indexOf("systemctl enable --now kubelet")).isGreaterThan(worker.indexOf("kubeadm join"));
        assertThat(cp.log.get(cp.indexOf("label"))).contains("nodes dev-m02");
        assertThat(cp.indexOf("wait --for=condition=Ready node/dev-m02")).isGreaterThan(cp.indexOf("label"));
    }

    @Test
    void controlPlanesJoinWithTheUploadedCertificateKey() {
        RecordingRunner cp = new RecordingRunner()
                .answer("token create", new CommandResult(0, "kubeadm join control-plane.kubik.internal:8443 --token a.b --discovery-token-ca-cert-hash sha256:9", ""))
                .answer("upload-certs", new CommandResult(0, "[upload-certs] Using certificate key:\n0f1e2d3c\n", ""));
        RecordingRunner second = new RecordingRunner();
        NodeContext primary = new NodeContext("dev", "dev", "control-plane", "192.168.49.2", K8S, cp, Reporter.SILENT, cache, 2);
        new KubeadmBootstrapper().join(node("dev-m02", "control-plane", "192.168.49.3", second), primary);

        assertThat(second.log.get(second.indexOf("kubeadm join")))
                .contains("--control-plane --certificate-key=0f1e2d3c --apiserver-advertise-address=192.168.49.3 --apiserver-bind-port=8443");
        // A cluster made with one control plane gets leader election back before the second joins: its
        // configuration, which the join reads, is uploaded again and the primary's manifests are written again.
        int elect = cp.indexOf("--leader-elect=false");
        assertThat(elect).isNotNegative().isLessThan(cp.indexOf("upload-certs"));
        assertThat(cp.log.get(elect)).contains("kubeadm init phase upload-config kubeadm --config",
                "kubeadm init phase control-plane controller-manager", "kubeadm init phase control-plane scheduler");
        assertThat(cp.files.get(KubeadmPaths.CONFIG)).contains("kind: ClusterConfiguration").doesNotContain("leader-elect");
    }

    @Test
    void aWorkerJoiningTouchesNoLeaderElection() {
        RecordingRunner cp = new RecordingRunner().answer("token create",
                new CommandResult(0, "kubeadm join control-plane.kubik.internal:8443 --token a.b --discovery-token-ca-cert-hash sha256:9", ""));
        new KubeadmBootstrapper().join(node("dev-m02", "worker", "192.168.49.3", new RecordingRunner()), node("dev", "control-plane", "192.168.49.2", cp));
        assertThat(cp.log).noneMatch(command -> command.contains("leader-elect"));
    }

    @Test
    void aJoinCommandWithUnexpectedWordsIsRefused() {
        RecordingRunner cp = new RecordingRunner().answer("token create",
                new CommandResult(0, "kubeadm join host:8443 --token $(reboot)", ""));
        assertThatThrownBy(() -> new KubeadmBootstrapper().join(node("w", "worker", "10.0.0.3", new RecordingRunner()),
                node("dev", "control-plane", "10.0.0.2", cp))).hasMessageContaining("unexpected word");
    }

    @Test
    void missingBinariesFailEarlyAndClearlyBeforeKubeadmRuns() {
        RecordingRunner cp = new RecordingRunner().answer("test -x", new CommandResult(1, "", ""));

        assertThatThrownBy(() -> new KubeadmBootstrapper().installBinaries(node("dev", "control-plane", "192.168.49.2", cp)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("kubeadm v1.34.0 not found in the node (/var/lib/kubik/binaries/v1.34.0) and not downloadable")
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("or use bootstrapper 'none'").contains(cache.toString()));
        assertThat(cp.log).noneMatch(line -> line.contains("kubeadm init"));
    }

    @Test
    void binariesInTheHostCacheAreCopiedIn() throws Exception {
        Path dir = KubeadmBinaries.inCache(cache, "v1.34.0");
        java.nio.file.Files.createDirectories(dir);
        for (String b : new String[]{"kubeadm", "kubelet", "kubectl"}) java.nio.file.Files.writeString(dir.resolve(b), "#!/bin/sh\n");
        RecordingRunner node = new RecordingRunner().answer("test -x", new CommandResult(1, "", ""));

        new KubeadmBootstrapper().ensureBinaries(node("dev", "control-plane", "192.168.49.2", node));

        assertThat(node.log).contains("write /var/lib/kubik/binaries/v1.34.0/kubeadm 755", "write /var/lib/kubik/binaries/v1.34.0/kubelet 755",
                "write /var/lib/kubik/binaries/v1.34.0/kubectl 755");
    }

    @Test
    void containerdGetsSystemdCgroupsAndKubeadmsSandboxImageAndIsRestartedOnlyWhenItChanged() {
        RecordingRunner node = new RecordingRunner();
        new KubeadmBootstrapper().prepareRuntime(node("dev", "control-plane", "192.168.49.2", node));

        String config = node.files.get("/etc/containerd/config.toml");
        assertThat(config).contains("SystemdCgroup = true").contains("sandbox_image = \"registry.k8s.io/pause:3.10.1\"")
                .contains("config_path = \"/etc/containerd/certs.d\"");
        assertThat(node.files.get("/etc/crictl.yaml")).isEqualTo(
                "runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\n");
        assertThat(node.indexOf("systemctl restart containerd")).isGreaterThan(node.indexOf("write /etc/containerd/config.toml"));

        String sums = node.files.entrySet().stream().map(f -> dev.kubik.runtime.RuntimeFiles.sha256(f.getValue().getBytes()) + "  " + f.getKey())
                .reduce("", (a, b) -> a + b + "\n");
        RecordingRunner unchanged = new RecordingRunner().answer("sha256sum", new CommandResult(0, sums, ""));
        new KubeadmBootstrapper().prepareRuntime(node("dev", "control-plane", "192.168.49.2", unchanged));
        assertThat(unchanged.log).noneMatch(line -> line.contains("systemctl restart containerd") || line.startsWith("write "));
    }

    @Test
    void renderShowsExactlyTheFilesAControlPlaneRunWrites() {
        RecordingRunner cp = new RecordingRunner();
        NodeContext node = node("dev", "control-plane", "192.168.49.2", cp);
        KubeadmBootstrapper kubeadm = new KubeadmBootstrapper();
        kubeadm.prepareRuntime(node);
        kubeadm.initControlPlane(node, PKI);

        // Everything but the cluster's secrets, which kubik makes and never prints.
        cp.files.keySet().removeIf(path -> path.startsWith("/var/lib/kubik/certs/"));
        assertThat(kubeadm.render(node, true)).isEqualTo(cp.files);
        assertThat(kubeadm.render(node, false)).doesNotContainKeys("/var/tmp/kubik/kubeadm.yaml", "/var/tmp/kubik/cni.yaml");
    }

    @Test
    void addonsAreWrittenThenAppliedWithTheNodesKubectlAndDisablingDeletesWhatWasApplied() {
        RecordingRunner cp = new RecordingRunner();
        KubeadmBootstrapper kubeadm = new KubeadmBootstrapper();
        NodeContext node = node("dev", "control-plane", "192.168.49.2", cp);

        kubeadm.addon(node, "metrics-server", true);
        assertThat(cp.files.get("/etc/kubernetes/addons/metrics-server.yaml"))
                .isEqualTo(dev.kubik.addons.AddonCatalog.find("metrics-server").orElseThrow().manifest());
        assertThat(cp.log.get(cp.indexOf("apply"))).isEqualTo("sudo /var/lib/kubik/binaries/v1.34.0/kubectl "
                + "--kubeconfig=/etc/kubernetes/admin.conf apply -f /etc/kubernetes/addons/metrics-server.yaml");
        assertThat(cp.indexOf("apply")).isGreaterThan(cp.indexOf("write /etc/kubernetes/addons/metrics-server.yaml"));
        assertThat(kubeadm.renderAddon("metrics-server")).containsOnlyKeys("/etc/kubernetes/addons/metrics-server.yaml");

        kubeadm.addon(node, "metrics-server", false);
        assertThat(cp.indexOf("delete --ignore-not-found -f /etc/kubernetes/addons/metrics-server.yaml")).isGreaterThan(0);
        assertThat(cp.indexOf("rm -f /etc/kubernetes/addons/metrics-server.yaml")).isGreaterThan(cp.indexOf("delete --ignore-not-found"));
    }

    @Test
    void anAddonTheApiServerKeepsRefusingFailsWithKubectlsWords() {
        RecordingRunner cp = new RecordingRunner().answer(" apply -f ",
                new CommandResult(1, "", "error: resource mapping not found for name: \"v1beta1.metrics.k8s.io\""));

        assertThatThrownBy(() -> new KubeadmBootstrapper(1).addon(node("dev", "control-plane", "192.168.49.2", cp), "metrics-server", true))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("enabling addon metrics-server failed on dev after 4 attempts (exit 1)")
                .hasMessageContaining("resource mapping not found");
        assertThat(cp.log.stream().filter(l -> l.contains(" apply -f "))).hasSize(4);
    }

    @Test
    void aNewCertificateRestartsTheApiServerThroughTheRuntimeThenWaitsForIt() {
        RecordingRunner cp = new RecordingRunner();
        new KubeadmBootstrapper().certificatesChanged(node("dev", "control-plane", "192.168.49.2", cp), PKI);

        String restart = cp.log.get(cp.indexOf("kube-apiserver"));
        assertThat(restart).contains("crictl --runtime-endpoint").contains("stop").endsWith("unix:///run/containerd/containerd.sock");
        assertThat(cp.indexOf("get --raw /readyz")).isGreaterThan(cp.indexOf("kube-apiserver"));
    }

    @Test
    void aNodeThatNeverGetsReadyFailsWithItsConditionAndTheKubeletsAndCnisLastWords() {
        RecordingRunner cp = new RecordingRunner()
                .answer("token create", new CommandResult(0, "kubeadm join control-plane.kubik.internal:8443 --token a.b --discovery-token-ca-cert-hash sha256:9", ""))
                .answer("wait --for=condition=Ready", new CommandResult(1, "", "error: timed out waiting for the condition on nodes/dev-m02"))
                .answer("jsonpath", new CommandResult(0, "container runtime network not ready: cni plugin not initialized", ""));
        RecordingRunner worker = new RecordingRunner()
                .answer("journalctl", new CommandResult(0, "kubelet: failed to find plugin \"ptp\" in path [/opt/cni/bin]", ""))
                .answer("logs --tail", new CommandResult(0, "kindnetd: failed to list nodes", ""));

        assertThatThrownBy(() -> new KubeadmBootstrapper().join(node("dev-m02", "worker", "192.168.49.3", worker),
                node("dev", "control-plane", "192.168.49.2", cp)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("node dev-m02 did not become Ready within 4 min: container runtime network not ready")
                .hasMessageContaining("last kubelet log lines:\nkubelet: failed to find plugin")
                .hasMessageContaining("last kindnet-cni log lines:\nkindnetd: failed to list nodes");
    }

    @Test
    void binariesFromTheScriptsDirectoryAreCopiedInAndAnIncompleteOneIsNamed() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(cache.resolve("offline"));
        for (String b : new String[]{"kubeadm", "kubelet"}) java.nio.file.Files.writeString(dir.resolve(b), "#!/bin/sh\n");
        KubernetesSpec k8s = new KubernetesSpec("v1.34.0", "containerd", "kubeadm", "10.244.0.0/16", "10.96.0.0/12",
                "cluster.local", Map.of(), Map.of(), Map.of(), dir.toString(), null);
        RecordingRunner node = new RecordingRunner().answer("test -x", new CommandResult(1, "", ""));
        NodeContext context = new NodeContext("dev", "dev", "control-plane", "192.168.49.2", k8s, node, Reporter.SILENT, cache);

        assertThatThrownBy(() -> new KubeadmBootstrapper().ensureBinaries(context))
                .hasMessage("the script's binaries directory " + dir + " lacks kubectl");

        java.nio.file.Files.writeString(dir.resolve("kubectl"), "#!/bin/sh\n");
        new KubeadmBootstrapper().ensureBinaries(context);
        assertThat(node.log).contains("write /var/lib/kubik/binaries/v1.34.0/kubectl 755");
    }

    static final KubernetesSpec NEXT = new KubernetesSpec("v1.35.7", "containerd", "kubeadm", "10.244.0.0/16",
            "10.96.0.0/12", "cluster.local", Map.of(), Map.of());

    NodeContext upgrading(String name, String role, String ip, RecordingRunner runner) {
        return new NodeContext("dev", name, role, ip, NEXT, runner, Reporter.SILENT, cache);
    }

    @Test
    void thePrimaryUploadsTheNewConfigurationAppliesTheUpgradeThenMovesItsKubelet() {
        RecordingRunner cp = new RecordingRunner();
        NodeContext primary = upgrading("dev", "control-plane", "192.168.49.2", cp);
        new KubeadmBootstrapper().upgrade(primary, primary, "v1.34.0");

        assertThat(cp.files.get("/var/tmp/kubik/kubeadm.yaml")).contains("kubernetesVersion: v1.35.7");
        int upload = cp.indexOf("kubeadm init phase upload-config kubeadm --config /var/tmp/kubik/kubeadm.yaml");
        int apply = cp.indexOf("kubeadm upgrade apply v1.35.7 --yes --certificate-renewal=false --ignore-preflight-errors=");
        int drain = cp.indexOf("drain dev --ignore-daemonsets");
        int unit = cp.indexOf("write /lib/systemd/system/kubelet.service");
        int reload = cp.indexOf("systemctl daemon-reload");
        int restart = cp.indexOf("systemctl restart kubelet");
        int ready = cp.indexOf("wait --for=condition=Ready node/dev");
        int uncordon = cp.indexOf("uncordon dev");
        assertThat(List.of(upload, apply, drain, unit, reload, restart, ready, uncordon)).isSorted();
        // The new version's binaries: kubeadm runs from them, and the kubelet's unit now names them.
        assertThat(cp.log.get(apply)).startsWith("sudo env PATH=/var/lib/kubik/binaries/v1.35.7:");
        assertThat(cp.files.get("/lib/systemd/system/kubelet.service")).contains("ExecStart=/var/lib/kubik/binaries/v1.35.7/kubelet");
        assertThat(cp.log).noneMatch(line -> line.contains("upgrade node"));
    }

    @Test
    void anotherControlPlaneUpgradesItsNodeBeforeItIsDrainedAWorkerAfter() {
        RecordingRunner cp = new RecordingRunner();
        RecordingRunner second = new RecordingRunner();
        RecordingRunner worker = new RecordingRunner();
        NodeContext primary = upgrading("dev", "control-plane", "192.168.49.2", cp);
        KubeadmBootstrapper kubeadm = new KubeadmBootstrapper();

        kubeadm.upgrade(upgrading("dev-m02", "control-plane", "192.168.49.3", second), primary, "v1.34.0");
        kubeadm.upgrade(upgrading("dev-m03", "worker", "192.168.49.4", worker), primary, "v1.34.0");

        assertThat(second.log).noneMatch(line -> line.contains("upgrade apply") || line.contains("upload-config"));
        assertThat(second.log.get(second.indexOf("kubeadm upgrade node"))).contains("--certificate-renewal=false");
        assertThat(worker.log).noneMatch(line -> line.contains("upgrade apply"));
        // Drains and uncordons are the control plane's (its kubectl, its admin.conf).
        int secondDrained = cp.indexOf("drain dev-m02");
        int secondUncordoned = cp.indexOf("uncordon dev-m02");
        int workerDrained = cp.indexOf("drain dev-m03");
        int workerUncordoned = cp.indexOf("uncordon dev-m03");
        assertThat(List.of(secondDrained, secondUncordoned, workerDrained, workerUncordoned)).isSorted();
        assertThat(worker.indexOf("kubeadm upgrade node")).isLessThan(worker.indexOf("systemctl restart kubelet"));
        assertThat(second.indexOf("kubeadm upgrade node")).isLessThan(second.indexOf("systemctl restart kubelet"));
    }

    @Test
    void aFailedUpgradeApplyLeavesTheKubeletAloneAndSaysWhere() {
        RecordingRunner cp = new RecordingRunner().answer("upgrade apply",
                new CommandResult(1, "", "[upgrade/version] FATAL: the --version argument is invalid"));
        NodeContext primary = upgrading("dev", "control-plane", "192.168.49.2", cp);

        assertThatThrownBy(() -> new KubeadmBootstrapper().upgrade(primary, primary, "v1.34.0"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("kubeadm upgrade apply v1.35.7 failed on dev (exit 1)")
                .hasMessageContaining("the --version argument is invalid");
        assertThat(cp.log).noneMatch(line -> line.contains("drain") || line.contains("restart kubelet"));
        assertThat(cp.files).doesNotContainKey("/lib/systemd/system/kubelet.service");
    }

    @Test
    void installingBinariesOnlyPutsThemIn() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(cache.resolve("offline"));
        for (String b : new String[]{"kubeadm", "kubelet", "kubectl"}) java.nio.file.Files.writeString(dir.resolve(b), "#!/bin/sh\n");
        KubernetesSpec k8s = new KubernetesSpec("v1.35.7", "containerd", "kubeadm", "10.244.0.0/16", "10.96.0.0/12",
                "cluster.local", Map.of(), Map.of(), Map.of(), dir.toString(), null);
        RecordingRunner node = new RecordingRunner().answer("test -x", new CommandResult(1, "", ""));

        new KubeadmBootstrapper().installBinaries(new NodeContext("dev", "dev", "worker", "192.168.49.4", k8s, node, Reporter.SILENT, cache));

        assertThat(node.files.keySet()).containsExactly("/var/lib/kubik/binaries/v1.35.7/kubeadm",
                "/var/lib/kubik/binaries/v1.35.7/kubelet", "/var/lib/kubik/binaries/v1.35.7/kubectl");
        assertThat(node.log).noneMatch(line -> line.contains("systemctl") || line.contains("kubeadm upgrade") || line.contains("kubeadm init"));
    }

    @Test
    void kubeadmsUpgradePolicyForwardOneMinorAtATime() {
        KubeadmBootstrapper kubeadm = new KubeadmBootstrapper();
        assertThat(kubeadm.upgradeProblem("v1.35.7", "v1.36.3")).isEmpty();
        assertThat(kubeadm.upgradeProblem("v1.36.1", "v1.36.3")).isEmpty();
        assertThat(kubeadm.upgradeProblem("v1.34.10", "v1.36.3")).get().satisfies(p -> {
            assertThat(p.message()).isEqualTo("Kubernetes v1.34.10 → v1.36.3 skips v1.35: kubeadm upgrades one minor version at a time");
            assertThat(p.fix()).isEqualTo("version 'v1.35' first, run it, then version 'v1.36.3'");
        });
        assertThat(kubeadm.upgradeProblem("v1.36.3", "v1.36.1")).get().extracting(p -> p.message()).asString().contains("goes back");
        assertThat(kubeadm.capabilities()).contains(dev.kubik.spi.Capability.UPGRADE);
    }

    @Test
    void aSnapshotIsSavedInEtcdsContainerReadBackCheckedAndRemovedFromTheNode() {
        byte[] snapshot = "etcd snapshot bytes\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        RecordingRunner cp = new RecordingRunner()
                .answer("sha256sum", new CommandResult(0, dev.kubik.runtime.RuntimeFiles.sha256(snapshot) + "  /var/lib/kubik/etcd/kubik-snapshot.db\n", ""))
                .answer("base64", new CommandResult(0, java.util.Base64.getEncoder().encodeToString(snapshot) + "\n", ""));

        byte[] saved = new KubeadmBootstrapper().saveEtcdSnapshot(node("dev", "control-plane", "192.168.49.2", cp));

        assertThat(saved).isEqualTo(snapshot);
        String save = cp.log.get(cp.indexOf("snapshot save"));
        assertThat(save).contains("crictl --runtime-endpoint \"$s\" exec \"$id\" \"$@\" unix:///run/containerd/containerd.sock etcdctl "
                + "--endpoints=https://127.0.0.1:2379 --cacert=/var/lib/kubik/certs/etcd/ca.crt "
                + "--cert=/var/lib/kubik/certs/apiserver-etcd-client.crt --key=/var/lib/kubik/certs/apiserver-etcd-client.key "
                + "snapshot save /var/lib/kubik/etcd/kubik-snapshot.db");
        assertThat(save).contains("command -v crictl >/dev/null || { echo 'crictl is not installed on the node");
        assertThat(List.of(cp.indexOf("snapshot save"), cp.indexOf("sha256sum"), cp.indexOf("base64 -w0"),
                cp.indexOf("rm -f /var/lib/kubik/etcd/kubik-snapshot.db"))).isSorted();
    }

    @Test
    void aSnapshotThatChangedOnItsWayIsRefused() {
        RecordingRunner cp = new RecordingRunner()
                .answer("sha256sum", new CommandResult(0, "0".repeat(64) + "  /var/lib/kubik/etcd/kubik-snapshot.db\n", ""))
                .answer("base64", new CommandResult(0, "c25hcHNob3Q=", ""));
        assertThatThrownBy(() -> new KubeadmBootstrapper().saveEtcdSnapshot(node("dev", "control-plane", "192.168.49.2", cp)))
                .hasMessageContaining("does not match its checksum");
        assertThat(cp.log.get(cp.log.size() - 1)).isEqualTo("sudo rm -f /var/lib/kubik/etcd/kubik-snapshot.db");
    }

    @Test
    void restoringRestoresBesideTheDataThenStopsSwapsAndStartsTheControlPlaneAndKeepsTheOldDataUntilItAnswers() {
        RecordingRunner cp = new RecordingRunner();
        new KubeadmBootstrapper().restoreEtcdSnapshot(node("dev", "control-plane", "192.168.49.2", cp), "snap".getBytes());

        assertThat(cp.files.get("/var/lib/kubik/etcd/kubik-restore.db")).isEqualTo("snap");
        assertThat(cp.log).contains("write /var/lib/kubik/etcd/kubik-restore.db 600");
        String restore = cp.log.get(cp.indexOf("etcdutl snapshot restore"));
        assertThat(restore).endsWith("etcdutl snapshot restore /var/lib/kubik/etcd/kubik-restore.db --data-dir /var/lib/kubik/etcd/kubik-restored "
                + "--name dev --initial-cluster dev=https://192.168.49.2:2380 --initial-advertise-peer-urls https://192.168.49.2:2380");
        int written = cp.indexOf("write /var/lib/kubik/etcd/kubik-restore.db");
        int restored = cp.indexOf("etcdutl snapshot restore");
        int aside = cp.indexOf("/etc/kubernetes/manifests /etc/kubernetes/kubik-paused etcd kube-apiserver kube-controller-manager kube-scheduler");
        int stopped = cp.indexOf("etcd|kube-apiserver");
        int swapped = cp.indexOf("member.before-restore\" && mv");
        int back = cp.indexOf("mv \"$1\"/*.yaml");
        int ready = cp.indexOf("get --raw /readyz");
        int forgotten = cp.indexOf("rm -rf /var/lib/kubik/etcd/member.before-restore");
        assertThat(List.of(written, restored, aside, stopped, swapped, back, ready, forgotten)).isSorted();
    }

    @Test
    void aRestoreWhoseEtcdIsNotRunningStopsBeforeAnythingMoves() {
        RecordingRunner cp = new RecordingRunner().answer("etcdutl", new CommandResult(3, "", "no running etcd container"));
        assertThatThrownBy(() -> new KubeadmBootstrapper().restoreEtcdSnapshot(node("dev", "control-plane", "192.168.49.2", cp), "snap".getBytes()))
                .hasMessageContaining("restoring the snapshot beside etcd's data failed on dev (exit 3): no running etcd container");
        assertThat(cp.log).noneMatch(line -> line.contains("kubik-paused") || line.contains("member.before-restore"));
    }

    @Test
    void aRestoreThatFailsOnceTheControlPlaneIsAsidePutsTheDataAndTheStaticPodsBack() {
        RecordingRunner cp = new RecordingRunner().answer("etcd|kube-apiserver",
                new CommandResult(1, "", "etcd and the API server still run 2 minutes after their manifests moved"));
        assertThatThrownBy(() -> new KubeadmBootstrapper().restoreEtcdSnapshot(node("dev", "control-plane", "192.168.49.2", cp), "snap".getBytes()))
                .hasMessageContaining("stopping etcd failed on dev (exit 1)")
                .hasMessageContaining("the data and static pods were put back as they were");
        String recovery = cp.log.get(cp.log.size() - 1);
        assertThat(recovery).contains("mv \"$d/member.before-restore\" \"$d/member\"").contains("mv \"$p\"/*.yaml \"$m\"/")
                .endsWith("/var/lib/kubik/etcd /etc/kubernetes/manifests /etc/kubernetes/kubik-paused");
        assertThat(cp.log).noneMatch(line -> line.contains("readyz"));
    }
}
