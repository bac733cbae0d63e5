package dev.kubik.dsl.lang;

import dev.kubik.spi.ExistingHost;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Defaults;
import dev.kubik.model.Mount;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.PortMapping;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a cluster block's draft into the immutable model, filling defaults and expanding nodes. */
public final class ClusterBinder {
    private final Map<BlockDraft, BoundCluster> bound = new java.util.IdentityHashMap<>();
    /**
     * (bootstrapper, version as written or null) → the Kubernetes version meant: each bootstrapper's default when
     * none is written, its newest patch when only a minor is ({@code v1.36}).
     */
    private final java.util.function.BinaryOperator<String> version;

    public ClusterBinder(java.util.function.BinaryOperator<String> version) {
        this.version = version;
    }

    /** Binds once per draft; {@code evaluation} receives the problems binding finds. */
    BoundCluster bind(BlockDraft draft, String defaultProfile, Evaluation evaluation) {
        return bound.computeIfAbsent(draft, d -> new Binding(d, defaultProfile, evaluation, version).cluster());
    }

    public BoundCluster bound(BlockDraft draft) {
        return bound.get(draft);
    }

    private static final class Binding {
        private final BlockDraft draft;
        private final String defaultProfile;
        private final Evaluation evaluation;
        private final Map<String, Located> parts = new LinkedHashMap<>();
        private final java.util.function.BinaryOperator<String> version;

        Binding(BlockDraft draft, String defaultProfile, Evaluation evaluation,
                java.util.function.BinaryOperator<String> version) {
            this.version = version;
            this.draft = draft;
            this.defaultProfile = defaultProfile;
            this.evaluation = evaluation;
        }

        BoundCluster cluster() {
            String name = draft.label() != null ? draft.label() : defaultProfile;
            Resources resources = resources(draft, "", new Resources(Defaults.CPUS, Defaults.MEMORY_MIB, Defaults.DISK_MIB));
            // Existing hosts are all named: a cluster of them has no unnamed nodes unless it asks for some.
            boolean namesHosts = draft.nodes().stream().anyMatch(n -> n.value("host") != null);
            int nodeCount = integer(draft, "nodes", namesHosts ? 0 : Defaults.NODES, "nodes");
            int controlPlanes = integer(draft, "controlPlanes", Defaults.CONTROL_PLANES, "controlPlanes");

            List<NodeSpec> nodes = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                String shortName = i == 0 ? name : String.format("m%02d", i + 1);
                String machine = i == 0 ? name : name + "-" + shortName;
                Role role = i < controlPlanes ? Role.CONTROL_PLANE : Role.WORKER;
                nodes.add(new NodeSpec(machine, shortName, role, resources, Map.of()));
            }
            for (BlockDraft node : draft.nodes()) {
                nodes.add(namedNode(name, node, resources));
            }
            // With no unnamed nodes and no role said, the first named node is the control plane (as the first unnamed is).
            if (nodeCount == 0 && !draft.nodes().isEmpty() && draft.nodes().stream().allMatch(n -> n.value("role") == null)) {
                NodeSpec first = nodes.get(0);
                nodes.set(0, new NodeSpec(first.name(), first.shortName(), Role.CONTROL_PLANE, first.resources(),
                        first.labels(), first.host()));
            }
            // Control planes first, the primary stays first: kubeadm init runs on nodes.get(0).
            nodes.sort((a, b) -> Boolean.compare(a.role() != Role.CONTROL_PLANE, b.role() != Role.CONTROL_PLANE));

            ClusterSpec spec = new ClusterSpec(name, text(draft, "driver", null, "driver"), kubernetes(),
                    nodes, addons(), mounts(), ports(), options(), flag(draft, "keepContext"));
            return new BoundCluster(spec, new Origins(draft.opened(), parts));
        }

        private NodeSpec namedNode(String cluster, BlockDraft node, Resources clusterResources) {
            String prefix = "node:" + node.label() + ".";
            parts.put("node:" + node.label(), new Located(node.label(), node.opened(), node.opened()));
            Role role = Role.WORKER;
            Located roleValue = node.value("role");
            if (roleValue != null) {
                parts.put(prefix + "role", roleValue);
                role = Role.parse((String) roleValue.value()).orElseGet(() -> {
                    evaluation.problem(roleValue.valueAt(), "unknown role '" + roleValue.value() + "'"
                            + Suggestions.didYouMean((String) roleValue.value(), List.of("control-plane", "worker")),
                            "control-plane or worker");
                    return Role.WORKER;
                });
            }
            Map<String, String> labels = new TreeMap<>();
            for (Located located : node.all("labels")) {
                ((Map<?, ?>) located.value()).forEach((k, v) -> {
                    labels.put(k.toString(), String.valueOf(v));
                    parts.put(prefix + "labels." + k, located);
                });
            }
            return new NodeSpec(cluster + "-" + node.label(), node.label(), role,
                    resources(node, prefix, clusterResources), labels, existingHost(node, prefix));
        }

        /** The host a node block names, or null; the validator checks the values and what is missing. */
        private ExistingHost existingHost(BlockDraft node, String prefix) {
            String address = text(node, "host", null, prefix + "host");
            int port = integer(node, "port", ExistingHost.SSH_PORT, prefix + "port");
            String user = text(node, "user", null, prefix + "user");
            String key = text(node, "key", null, prefix + "key");
            String hostKey = text(node, "hostKey", null, prefix + "hostKey");
            if (address == null && user == null && key == null && hostKey == null && node.value("port") == null) return null;
            return new ExistingHost(address, port, user, key == null ? null : Path.of(expandHome(key)), hostKey);
        }

        private static String expandHome(String path) {
            return path.equals("~") || path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        }

        private Resources resources(BlockDraft block, String prefix, Resources fallback) {
            return new Resources(
                    integer(block, "cpus", fallback.cpus(), prefix + "cpus"),
                    size(block, "memory", fallback.memoryMiB(), prefix + "memory"),
                    size(block, "disk", fallback.diskMiB(), prefix + "disk"));
        }

        private KubernetesSpec kubernetes() {
            BlockDraft k8s = draft.child("kubernetes");
            BlockDraft block = k8s != null ? k8s : new BlockDraft(Block.KUBERNETES, null, draft.opened());
            Map<String, Map<String, String>> extra = new TreeMap<>();
            for (Located located : block.all("extraConfig")) {
                ((Map<?, ?>) located.value()).forEach((k, v) -> {
                    String key = k.toString();
                    int dot = key.indexOf('.');
                    if (dot <= 0 || dot == key.length() - 1) {
                        evaluation.problem(located.valueAt(), "extraConfig key '" + key + "' needs the form 'component.flag'",
                                "e.g. 'kubelet.max-pods': 150 or 'apiserver.v': 2");
                        return;
                    }
                    String component = key.substring(0, dot);
                    extra.computeIfAbsent(component, c -> new TreeMap<>()).put(key.substring(dot + 1), String.valueOf(v));
                    parts.put("kubernetes.extraConfig." + component, located);
                });
            }
            Map<String, Boolean> gates = new TreeMap<>();
            for (Located located : block.all("featureGates")) {
                ((Map<?, ?>) located.value()).forEach((k, v) -> {
                    if (v instanceof Boolean enabled) {
                        gates.put(k.toString(), enabled);
                    } else {
                        evaluation.problem(located.valueAt(), "feature gate '" + k + "' takes true or false, got "
                                + Sizes.describe(v), "'" + k + "': true");
                    }
                });
            }
            Map<String, List<String>> mirrors = new TreeMap<>();
            for (Located located : block.all("registryMirrors")) {
                ((Map<?, ?>) located.value()).forEach((k, v) -> {
                    List<?> urls = v instanceof List<?> list ? list : List.of(v);
                    if (urls.isEmpty() || !urls.stream().allMatch(u -> u instanceof CharSequence)) {
                        evaluation.problem(located.valueAt(), "registry mirror for '" + k + "' takes a URL or a list of URLs, got "
                                + Sizes.describe(v), "'" + k + "': 'https://mirror.example:5000'");
                        return;
                    }
                    mirrors.put(k.toString(), urls.stream().map(Object::toString).toList());
                    parts.put("kubernetes.registryMirrors." + k, located);
                });
            }
            String bootstrapper = text(block, "bootstrapper", Defaults.BOOTSTRAPPER, "kubernetes.bootstrapper");
            return new KubernetesSpec(
                    version.apply(bootstrapper, text(block, "version", null, "kubernetes.version")),
                    text(block, "runtime", Defaults.RUNTIME, "kubernetes.runtime"),
                    bootstrapper,
                    text(block, "podSubnet", Defaults.POD_SUBNET, "kubernetes.podSubnet"),
                    text(block, "serviceSubnet", Defaults.SERVICE_SUBNET, "kubernetes.serviceSubnet"),
                    text(block, "dnsDomain", Defaults.DNS_DOMAIN, "kubernetes.dnsDomain"),
                    extra, gates, mirrors, text(block, "binaries", null, "kubernetes.binaries"),
                    text(block, "imageRepository", null, "kubernetes.imageRepository"),
                    integer(draft, "apiServerPort", KubernetesSpec.DEFAULT_API_SERVER_PORT, "apiServerPort"));
        }

        private List<String> addons() {
            List<String> addons = new ArrayList<>();
            for (Located located : draft.all("addons")) {
                for (Object addon : (List<?>) located.value()) {
                    if (!addons.contains(addon.toString())) addons.add(addon.toString());
                    parts.putIfAbsent("addons." + addon, located);
                }
            }
            if (!addons.isEmpty()) parts.put("addons", draft.all("addons").get(0));
            return addons;
        }

        private List<Mount> mounts() {
            List<Mount> mounts = new ArrayList<>();
            for (Located located : draft.all("mount")) {
                Arguments.Pair pair = (Arguments.Pair) located.value();
                parts.put("mount[" + mounts.size() + "]", located);
                mounts.add(new Mount((String) pair.from(), (String) pair.to()));
            }
            return mounts;
        }

        private List<PortMapping> ports() {
            List<PortMapping> ports = new ArrayList<>();
            for (Located located : draft.all("port")) {
                Arguments.Pair pair = (Arguments.Pair) located.value();
                parts.put("port[" + ports.size() + "]", located);
                ports.add(new PortMapping((Integer) pair.from(), (Integer) pair.to()));
            }
            return ports;
        }

        private Map<String, Object> options() {
            BlockDraft options = draft.child("options");
            if (options == null) return Map.of();
            parts.put("options", new Located(null, options.opened(), options.opened()));
            Map<String, Object> values = new LinkedHashMap<>();
            options.values().forEach((name, located) -> {
                values.put(name, located.value());
                parts.put("options." + name, located);
            });
            return values;
        }

        private int integer(BlockDraft block, String keyword, int fallback, String path) {
            Located located = block.value(keyword);
            if (located == null) return fallback;
            parts.put(path, located);
            return (Integer) located.value();
        }

        private long size(BlockDraft block, String keyword, long fallback, String path) {
            Located located = block.value(keyword);
            if (located == null) return fallback;
            parts.put(path, located);
            return (Long) located.value();
        }

        private boolean flag(BlockDraft block, String keyword) {
            Located located = block.value(keyword);
            if (located == null) return false;
            parts.put(keyword, located);
            return (Boolean) located.value();
        }

        private String text(BlockDraft block, String keyword, String fallback, String path) {
            Located located = block.value(keyword);
            if (located == null) return fallback;
            parts.put(path, located);
            return (String) located.value();
        }
    }
}
