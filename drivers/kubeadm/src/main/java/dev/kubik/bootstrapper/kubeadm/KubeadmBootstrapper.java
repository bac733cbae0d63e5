package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.addons.Addon;
import dev.kubik.addons.AddonCatalog;
import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.runtime.RuntimeFiles;
import dev.kubik.runtime.RuntimeSettings;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.Capability;
import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Pause;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.SettingProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes with kubeadm, in minikube's order: the binaries (a plan step of their own), node files and the
 * control-plane alias, {@code kubeadm init} with the preflight checks a container or small VM cannot pass ignored,
 * wait for the API server, untaint and label, the CNI, then joins with a token the control plane prints.
 */
public class KubeadmBootstrapper implements Bootstrapper {
    /** Checks that fail in a container or a small VM and do not matter for a development cluster. */
    static final String IGNORED_PREFLIGHT = String.join(",",
            "DirAvailable--etc-kubernetes-manifests", "DirAvailable--var-lib-kubik", "DirAvailable--var-lib-kubik-etcd",
            "FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml",
            "FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml",
            "FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml",
            "FileAvailable--etc-kubernetes-manifests-etcd.yaml",
            "Port-10250", "Swap", "NumCPU", "Mem", "SystemVerification",
            "FileContent--proc-sys-net-bridge-bridge-nf-call-iptables");
    private static final Duration API_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final int ADDON_ATTEMPTS = 4;
    private static final Pattern JOIN_WORD = Pattern.compile("[A-Za-z0-9.:=/_-]+");
    /** First pause between addon attempts; later pauses grow linearly. */
    private final long addonRetryMillis;

    public KubeadmBootstrapper() {
        this(2000);
    }

    KubeadmBootstrapper(long addonRetryMillis) {
        this.addonRetryMillis = addonRetryMillis;
    }

    @Override
    public String name() {
        return "kubeadm";
    }

    @Override
    public String description() {
        return "Kubernetes with kubeadm (needs kubeadm, kubelet and kubectl for the version)";
    }

    @Override
    public boolean installsKubernetes() {
        return true;
    }

    @Override
    public List<String> runtimes() {
        return ContainerRuntimes.names();
    }

    @Override
    public List<String> kubernetesMinors() {
        return KubernetesReleases.MINORS;
    }

    @Override
    public String defaultKubernetesVersion() {
        return KubernetesReleases.DEFAULT_VERSION;
    }

    @Override
    public String resolveVersion(String written) {
        return KubernetesReleases.resolve(written);
    }

    @Override
    public java.util.Set<Capability> capabilities() {
        return java.util.EnumSet.of(Capability.KUBERNETES, Capability.UPGRADE, Capability.ETCD_SNAPSHOTS);
    }

    @Override
    public Optional<SettingProblem> upgradeProblem(String from, String to) {
        return KubernetesReleases.upgradeRefusal(from, to).map(why -> new SettingProblem("kubernetes.version",
                "Kubernetes " + from + " → " + to + " " + why, KubernetesReleases.older(to, from)
                        ? "keep version '" + from + "', or delete the cluster and make it again at " + to
                        : "version 'v1." + (KubernetesReleases.minor(from) + 1) + "' first, run it, then version '" + to + "'"));
    }

    @Override
    public List<String> components() {
        return KubeadmConfig.COMPONENTS;
    }

    @Override
    public List<SettingProblem> validate(KubernetesSpec k8s) {
        return KubeadmSettings.problems(k8s);
    }

    /** What the node's runtime needs for this Kubernetes: kubeadm's sandbox image, the script's mirrors. */
    static RuntimeSettings runtimeSettings(KubernetesSpec k8s) {
        return new RuntimeSettings(k8s.version(), KubernetesReleases.pauseImage(k8s.version(), k8s.imageRepository()),
                k8s.registryMirrors());
    }

    /** Every runtime file for the node, path to content. */
    static Map<String, String> runtimeFiles(KubernetesSpec k8s) {
        return RuntimeFiles.render(ContainerRuntimes.of(k8s.runtime()), runtimeSettings(k8s));
    }

    @Override
    public Map<String, String> render(NodeContext node, boolean primary) {
        Map<String, String> files = new LinkedHashMap<>(runtimeFiles(node.kubernetes()));
        files.putAll(NodeFiles.forNode(node.kubernetesVersion(), node.runtime()));
        if (primary) {
            files.put(KubeadmPaths.CONFIG, kubeadmConfig(node));
            files.put(CNI, Cni.kindnet(node.kubernetes().podSubnet()));
        }
        return files;
    }

    private static final String CNI = "/var/tmp/kubik/cni.yaml";

    private static String kubeadmConfig(NodeContext node) {
        return KubeadmConfig.init(node.kubernetes(), new KubeadmConfig.Node(node.cluster(), node.name(), node.ip(), List.of(),
                node.controlPlanes()));
    }

    /**
     * The runtime configured for the kubelet (systemd cgroups, kubeadm's sandbox image, registry mirrors), changing
     * only what differs, then answering.
     */
    @Override
    public void prepareRuntime(NodeContext node) {
        RuntimeFiles.sync(node, runtimeSettings(node.kubernetes()));
    }

    /**
     * minikube's order, once the binaries' step has put them in: the preload into the node, the cluster's
     * certificates where kubeadm's certificatesDir points (so it makes none of its own), then init.
     */
    @Override
    public void initControlPlane(NodeContext node, ClusterPki pki) {
        Preloads.install(node);
        installCertificates(node, pki);
        prepareNode(node, node.ip());
        writeKubeadmConfig(node);
        List<String> init = new ArrayList<>(kubeadm(node, "init", "--config", KubeadmPaths.CONFIG,
                "--ignore-preflight-errors=" + IGNORED_PREFLIGHT));
        init.addAll(KubeadmConfig.kubeadmFlags(node.kubernetes()));
        run(node, init, Duration.ofMinutes(10), "kubeadm init");
        awaitApiServer(node);
        kubectl(node, "label", "--overwrite", "nodes", node.name(), "kubik.dev/cluster=" + node.cluster(), "kubik.dev/primary=true");
        // Workloads may run on the control plane of a development cluster (minikube and kind do the same).
        kubectl(node, "taint", "nodes", node.name(), "node-role.kubernetes.io/control-plane:NoSchedule-");
        node.runner().writeFile(CNI, Cni.kindnet(node.kubernetes().podSubnet()).getBytes(StandardCharsets.UTF_8), 0644);
        kubectl(node, "apply", "-f", CNI);
        awaitReady(node, node);
    }

    /**
     * The API server reads its certificate at start: stop its container, the kubelet starts it again from the
     * static pod, then wait until it is ready.
     */
    @Override
    public void certificatesChanged(NodeContext primary, ClusterPki pki) {
        installCertificates(primary, pki);
        String socket = ContainerRuntimes.of(primary.runtime()).criSocket();
        run(primary, List.of("sudo", "sh", "-c", "ids=$(crictl --runtime-endpoint \"$0\" ps -q --name kube-apiserver); "
                + "[ -z \"$ids\" ] || crictl --runtime-endpoint \"$0\" stop $ids", socket), Duration.ofMinutes(1), "restarting the API server");
        awaitApiServer(primary);
    }

    @Override
    public void join(NodeContext node, NodeContext controlPlane) {
        Preloads.install(node);
        prepareNode(node, controlPlane.ip());
        if (node.role().equals("control-plane")) electLeaders(controlPlane);
        List<String> join = joinCommand(controlPlane);
        join.addAll(List.of("--node-name=" + node.name(), "--cri-socket=" + ContainerRuntimes.of(node.runtime()).criSocket(),
                "--ignore-preflight-errors=" + IGNORED_PREFLIGHT));
        if (node.role().equals("control-plane")) {
            join.addAll(List.of("--control-plane", "--certificate-key=" + certificateKey(controlPlane),
                    "--apiserver-advertise-address=" + node.ip(), "--apiserver-bind-port=" + node.kubernetes().apiServerPort()));
        }
        List<String> command = new ArrayList<>(List.of("sudo", "env", path(node)));
        command.addAll(join);
        run(node, command, Duration.ofMinutes(5), "kubeadm join");
        run(node, List.of("sudo", "systemctl", "enable", "--now", "kubelet"), Duration.ofMinutes(1), "starting the kubelet");
        kubectl(controlPlane, "label", "--overwrite", "nodes", node.name(), "kubik.dev/cluster=" + node.cluster(), "kubik.dev/primary=false");
        awaitReady(node, controlPlane);
    }

    /**
     * Writes the bundled manifest to the control plane and applies it there with the node's own kubectl, as minikube
     * does; disabling deletes what that file describes. Retried: right after init the API server may still refuse
     * a kind whose definition it has not served yet.
     */
    @Override
    public void addon(NodeContext controlPlane, String name, boolean enable) {
        Addon addon = AddonCatalog.find(name).orElseThrow(() -> new DriverException("unknown addon " + name,
                "kubik addons list shows the addons kubik ships"));
        String path = KubeadmPaths.addon(name);
        controlPlane.runner().writeFile(path, addon.manifest().getBytes(StandardCharsets.UTF_8), 0640);
        List<String> command = enable ? kubectlCommand(controlPlane, "apply", "-f", path)
                : kubectlCommand(controlPlane, "delete", "--ignore-not-found", "-f", path);
        CommandResult last = null;
        for (int attempt = 1; attempt <= ADDON_ATTEMPTS; attempt++) {
            last = controlPlane.runner().run(command, Duration.ofSeconds(60));
            if (last.ok()) break;
            if (attempt < ADDON_ATTEMPTS) Pause.millis(addonRetryMillis * attempt);
        }
        if (!last.ok()) {
            throw new DriverException((enable ? "enabling" : "disabling") + " addon " + name + " failed on "
                    + controlPlane.name() + " after " + ADDON_ATTEMPTS + " attempts (exit " + last.exitStatus() + "): "
                    + lastLines(last.stderr().isBlank() ? last.stdout() : last.stderr()),
                    "kubik ssh -n " + controlPlane.name() + " -- sudo " + String.join(" ", command.subList(1, command.size())));
        }
        if (!enable) controlPlane.runner().run(List.of("sudo", "rm", "-f", path), Duration.ofSeconds(30));
    }

    @Override
    public Map<String, String> renderAddon(String name) {
        return AddonCatalog.find(name).map(a -> Map.of(KubeadmPaths.addon(name), a.manifest())).orElse(Map.of());
    }

    /**
     * The version's binaries into the host's cache (unless the script names a directory that has them), then into
     * the node's versioned directory, where nothing uses them yet.
     */
    @Override
    public void installBinaries(NodeContext node) {
        if (node.kubernetes().binaries() == null) KubeadmBinaries.fetch(node);
        ensureBinaries(node);
    }

    /**
     * kubeadm's documented upgrade of one node. The primary uploads the new version's ClusterConfiguration (kubeadm
     * upgrade reads the cluster's, not a file) and runs {@code kubeadm upgrade apply}; other control planes
     * {@code kubeadm upgrade node}; each then drained, its kubelet moved to the new binaries and restarted, Ready,
     * uncordoned. Workers are drained first, as kubik drains before any change to a node with workloads. kubik's
     * certificates are its own (the host keeps the CA), so kubeadm is told not to renew them.
     */
    @Override
    public void upgrade(NodeContext node, NodeContext primary, String from) {
        String version = node.kubernetesVersion();
        boolean controlPlane = node.role().equals("control-plane");
        if (node.name().equals(primary.name())) {
            writeKubeadmConfig(node);
            run(node, kubeadm(node, "init", "phase", "upload-config", "kubeadm", "--config", KubeadmPaths.CONFIG),
                    Duration.ofMinutes(2), "uploading the " + version + " cluster configuration");
            run(node, kubeadm(node, "upgrade", "apply", version, "--yes", "--certificate-renewal=false",
                    "--ignore-preflight-errors=" + IGNORED_PREFLIGHT), Duration.ofMinutes(15), "kubeadm upgrade apply " + version);
        } else if (controlPlane) {
            upgradeNode(node);
        }
        evict(primary, node.name());
        if (!controlPlane) upgradeNode(node);
        // The kubelet's unit names its binary by version: the new unit is the new kubelet.
        writeNodeFiles(node);
        run(node, List.of("sudo", "systemctl", "daemon-reload"), Duration.ofMinutes(1), "reloading systemd");
        run(node, List.of("sudo", "systemctl", "restart", "kubelet"), Duration.ofMinutes(1), "restarting the kubelet");
        awaitReady(node, primary);
        kubectl(primary, "uncordon", node.name());
    }

    @Override
    public byte[] saveEtcdSnapshot(NodeContext controlPlane) {
        return EtcdSnapshot.save(controlPlane);
    }

    @Override
    public void restoreEtcdSnapshot(NodeContext controlPlane, byte[] snapshot) {
        EtcdSnapshot.restore(controlPlane, snapshot);
        awaitApiServer(controlPlane);
        EtcdSnapshot.forgetPrevious(controlPlane);
    }

    /** {@code kubeadm upgrade node}: a node other than the first control plane takes the cluster's new version. */
    private static void upgradeNode(NodeContext node) {
        run(node, kubeadm(node, "upgrade", "node", "--certificate-renewal=false", "--ignore-preflight-errors=" + IGNORED_PREFLIGHT),
                Duration.ofMinutes(10), "kubeadm upgrade node");
    }

    @Override
    public void drain(NodeContext controlPlane, String node) {
        evict(controlPlane, node);
        kubectl(controlPlane, "delete", "node", node, "--ignore-not-found");
    }

    /** Cordons the node and moves its workloads away, from the control plane. */
    private static void evict(NodeContext controlPlane, String node) {
        kubectl(controlPlane, "drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=90s");
    }

    /** minikube pause's namespaces: the cluster's own pods, not the user's workloads. */
    static final List<String> PAUSED_NAMESPACES = List.of("kube-system", "kubernetes-dashboard", "storage-gateway", "istio-operator");

    /**
     * minikube's pause: the kubelet stopped first (or it would restart what is frozen), then the system pods'
     * containers paused through the runtime; unpause in the other order. Paused or not is the runtime's own
     * record, so a second pause changes nothing and says so.
     */
    @Override
    public List<String> pause(NodeContext node, boolean pause) {
        List<String> command = ContainerRuntimes.asRoot(ContainerRuntimes.of(node.runtime()).pauseContainers(pause, PAUSED_NAMESPACES));
        if (pause) run(node, List.of("sudo", "systemctl", "stop", "kubelet"), Duration.ofMinutes(1), "stopping the kubelet");
        String changed = run(node, command, Duration.ofMinutes(2), pause ? "pausing the system pods" : "resuming the system pods").stdout();
        if (!pause) run(node, List.of("sudo", "systemctl", "start", "kubelet"), Duration.ofMinutes(1), "starting the kubelet");
        return changed.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Paused is the runtime's record: any system pod's container frozen. */
    @Override
    public boolean paused(NodeContext node) {
        return !run(node, ContainerRuntimes.asRoot(ContainerRuntimes.of(node.runtime()).pausedContainers(PAUSED_NAMESPACES)),
                Duration.ofSeconds(30), "listing paused containers").stdout().isBlank();
    }

    @Override
    public void thaw(NodeContext node) {
        run(node, ContainerRuntimes.asRoot(ContainerRuntimes.of(node.runtime()).pauseContainers(false, PAUSED_NAMESPACES)),
                Duration.ofMinutes(2), "resuming paused containers");
    }

    @Override
    public void reset(NodeContext node) {
        run(node, kubeadm(node, "reset", "--force", "--cri-socket=" + ContainerRuntimes.of(node.runtime()).criSocket()),
                Duration.ofMinutes(2), "kubeadm reset");
        // The control-plane alias is kubik's line in a file it does not own (on a host kubik adopted, the file stays).
        run(node, List.of("sudo", "sh", "-c", "grep -v \"[[:space:]]$1\\$\" /etc/hosts > /tmp/hosts.kubik; cat /tmp/hosts.kubik > /etc/hosts",
                "sh", KubeadmPaths.CONTROL_PLANE_ALIAS), Duration.ofSeconds(30), "removing the control-plane alias");
    }

    /** What kubeadm's certificatesDir holds; the user's client certificate stays on the host. */
    static final List<String> NODE_CERTIFICATES = List.of("ca.crt", "ca.key", "apiserver.crt", "apiserver.key",
            "front-proxy-ca.crt", "front-proxy-ca.key", "front-proxy-client.crt", "front-proxy-client.key", "sa.key", "sa.pub");

    private static void installCertificates(NodeContext node, ClusterPki pki) {
        for (String file : NODE_CERTIFICATES) {
            node.runner().writeFile(KubeadmPaths.CERTIFICATES + "/" + file, pki.file(file), file.endsWith(".key") ? 0600 : 0644);
        }
    }

    /** Files, the control-plane alias and kernel settings: everything before kubeadm itself but the binaries' step. */
    private void prepareNode(NodeContext node, String controlPlaneIp) {
        writeNodeFiles(node);
        // /etc/hosts may be a bind mount (docker): rewrite it in place, never replace the file.
        run(node, List.of("sudo", "sh", "-c", "grep -v \"[[:space:]]$2\\$\" /etc/hosts > /tmp/hosts.kubik; "
                + "printf '%s\\t%s\\n' \"$1\" \"$2\" >> /tmp/hosts.kubik && cat /tmp/hosts.kubik > /etc/hosts",
                "sh", controlPlaneIp, KubeadmPaths.CONTROL_PLANE_ALIAS), Duration.ofSeconds(30), "adding the control-plane alias");
        // Best effort: a container node may not load modules or set every sysctl; preflight says what matters.
        node.runner().run(List.of("sudo", "sh", "-c", "modprobe br_netfilter; modprobe overlay; sysctl --system"), Duration.ofSeconds(30));
        run(node, List.of("sudo", "systemctl", "daemon-reload"), Duration.ofMinutes(1), "reloading systemd");
        run(node, List.of("sudo", "systemctl", "enable", "kubelet"), Duration.ofMinutes(1), "enabling the kubelet");
    }

    /** The kubelet's unit and drop-in for the node's version, sysctls and modules. */
    private static void writeNodeFiles(NodeContext node) {
        for (Map.Entry<String, String> file : NodeFiles.forNode(node.kubernetesVersion(), node.runtime()).entrySet()) {
            node.runner().writeFile(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8), 0644);
        }
    }

    private static void writeKubeadmConfig(NodeContext node) {
        node.runner().writeFile(KubeadmPaths.CONFIG, kubeadmConfig(node).getBytes(StandardCharsets.UTF_8), 0644);
    }

    /** The binaries in the node, or copied there from the host's cache; a clear error when neither has them. */
    void ensureBinaries(NodeContext node) {
        String version = node.kubernetesVersion();
        String dir = KubeadmPaths.binaries(version);
        List<String> test = new ArrayList<>(List.of("sudo", "sh", "-c", "for b in \"$@\"; do test -x \"$0/$b\" || exit 1; done", dir));
        test.addAll(KubeadmBinaries.NAMES);
        if (node.runner().run(test, Duration.ofSeconds(30)).ok()) return;
        String given = node.kubernetes().binaries();
        Path cached = given != null ? Path.of(given) : KubeadmBinaries.inCache(node.hostCache(), version);
        List<String> missing = KubeadmBinaries.NAMES.stream().filter(b -> !Files.isRegularFile(cached.resolve(b))).toList();
        if (!missing.isEmpty() && given != null) {
            throw new DriverException("the script's binaries directory " + given + " lacks " + String.join(", ", missing),
                    "put kubeadm, kubelet and kubectl " + version + " for linux there, or remove binaries to download them");
        }
        if (!missing.isEmpty()) {
            throw new DriverException("kubeadm " + version + " not found in the node (" + dir + ") and not downloadable: "
                    + cached + " lacks " + String.join(", ", missing) + " (the download from dl.k8s.io or KUBIK_MIRROR failed)",
                    "put kubeadm, kubelet and kubectl " + version + " in " + cached + ", set KUBIK_MIRROR to a mirror or "
                            + "directory that has them, or use bootstrapper 'none'");
        }
        for (String binary : KubeadmBinaries.NAMES) {
            try {
                node.runner().writeFile(dir + "/" + binary, Files.readAllBytes(cached.resolve(binary)), 0755);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void awaitApiServer(NodeContext node) {
        long deadline = System.nanoTime() + API_TIMEOUT.toNanos();
        CommandResult last;
        do {
            last = node.runner().run(kubectlCommand(node, "get", "--raw", "/readyz"), Duration.ofSeconds(15));
            if (last.ok()) return;
            Pause.millis(1000);
        } while (System.nanoTime() < deadline);
        throw new DriverException("kube-apiserver on " + node.name() + " did not become ready within " + API_TIMEOUT.toMinutes()
                + " min: " + last.stderr().strip() + diagnostics(node, "kube-apiserver"),
                "kubik ssh -n " + node.name() + " -- sudo crictl ps -a");
    }

    /**
     * Waits until the node reports Ready (its kubelet runs and the CNI gave it a network), asked from the control
     * plane; on a timeout, the kubelet's and the CNI's last words.
     */
    private void awaitReady(NodeContext node, NodeContext controlPlane) {
        CommandResult wait = controlPlane.runner().run(kubectlCommand(controlPlane, "wait", "--for=condition=Ready",
                "node/" + node.name(), "--timeout=" + READY_TIMEOUT.toSeconds() + "s"), READY_TIMEOUT.plusSeconds(30));
        if (wait.ok()) return;
        String condition = controlPlane.runner().run(kubectlCommand(controlPlane, "get", "node", node.name(), "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].message}"), Duration.ofSeconds(15)).stdout().strip();
        throw new DriverException("node " + node.name() + " did not become Ready within " + READY_TIMEOUT.toMinutes() + " min"
                + (condition.isEmpty() ? "" : ": " + condition) + diagnostics(node, "kindnet-cni"),
                "kubik ssh -n " + node.name() + " -- sudo journalctl -u kubelet -n 100");
    }

    /** The kubelet's last log lines, and those of a component's newest container when the runtime has one. */
    private static String diagnostics(NodeContext node, String container) {
        String socket = ContainerRuntimes.of(node.runtime()).criSocket();
        String kubelet = node.runner().run(List.of("sudo", "journalctl", "-u", "kubelet", "-n", "15", "--no-pager"),
                Duration.ofSeconds(15)).stdout().strip();
        String logs = node.runner().run(List.of("sudo", "sh", "-c", "id=$(crictl --runtime-endpoint \"$0\" ps -a -q --name \"$1\" | head -n 1); "
                + "[ -n \"$id\" ] && crictl --runtime-endpoint \"$0\" logs --tail 15 \"$id\" 2>&1", socket, container), Duration.ofSeconds(15))
                .stdout().strip();
        return "\nlast kubelet log lines:\n" + kubelet + (logs.isEmpty() ? "" : "\nlast " + container + " log lines:\n" + logs);
    }

    private List<String> joinCommand(NodeContext controlPlane) {
        String printed = run(controlPlane, kubeadm(controlPlane, "token", "create", "--print-join-command", "--ttl=0"),
                Duration.ofMinutes(1), "creating a join token").stdout().strip();
        String[] words = printed.split("\\s+");
        if (words.length < 3 || !words[0].equals("kubeadm") || !words[1].equals("join")) {
            throw new DriverException("unexpected join command from kubeadm: " + printed, null);
        }
        List<String> join = new ArrayList<>();
        for (String word : words) {
            if (!JOIN_WORD.matcher(word).matches()) throw new DriverException("unexpected word in the join command: " + word, null);
            join.add(word);
        }
        return join;
    }

    private String certificateKey(NodeContext controlPlane) {
        String out = run(controlPlane, kubeadm(controlPlane, "init", "phase", "upload-certs", "--upload-certs",
                "--config", KubeadmPaths.CONFIG), Duration.ofMinutes(2), "uploading control-plane certificates").stdout();
        return out.strip().lines().reduce((a, b) -> b).orElseThrow().strip();
    }

    /**
     * A cluster made with one control plane runs its controller manager and scheduler without leader election
     * (KubeadmConfig#electing). Before a second control plane joins, election goes back on where the cluster
     * keeps it: the ClusterConfiguration a join and every later upgrade read (upload-config) and the primary's
     * own manifests (kubeadm writes them again; the kubelet restarts the pods). Nothing to do in a cluster made
     * with several, whose primary's manifest has no {@code --leader-elect=false}.
     */
    private static void electLeaders(NodeContext primary) {
        writeKubeadmConfig(primary);
        run(primary, List.of("sudo", "env", path(primary), "sh", "-c",
                "grep -q -e '--leader-elect=false' /etc/kubernetes/manifests/kube-controller-manager.yaml || exit 0; "
                        + "kubeadm init phase upload-config kubeadm --config \"$0\" "
                        + "&& kubeadm init phase control-plane controller-manager --config \"$0\" "
                        + "&& kubeadm init phase control-plane scheduler --config \"$0\"", KubeadmPaths.CONFIG),
                Duration.ofMinutes(2), "turning leader election on for a second control plane");
    }

    static List<String> kubeadm(NodeContext node, String... args) {
        List<String> command = new ArrayList<>(List.of("sudo", "env", path(node), "kubeadm"));
        command.addAll(List.of(args));
        return command;
    }

    private static String path(NodeContext node) {
        return "PATH=" + KubeadmPaths.binaries(node.kubernetesVersion()) + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }

    static List<String> kubectlCommand(NodeContext node, String... args) {
        List<String> command = new ArrayList<>(List.of("sudo", KubeadmPaths.binaries(node.kubernetesVersion()) + "/kubectl",
                "--kubeconfig=" + KubeadmPaths.ADMIN_KUBECONFIG));
        command.addAll(List.of(args));
        return command;
    }

    private static void kubectl(NodeContext node, String... args) {
        run(node, kubectlCommand(node, args), Duration.ofMinutes(2), "kubectl " + args[0]);
    }

    static CommandResult run(NodeContext node, List<String> command, Duration timeout, String what) {
        CommandResult result = node.runner().run(command, timeout);
        if (!result.ok()) {
            throw new DriverException(what + " failed on " + node.name() + " (exit " + result.exitStatus() + "): "
                    + lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                    "kubik ssh -n " + node.name() + " -- sudo journalctl -u kubelet -n 50");
        }
        return result;
    }

    private static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

}
