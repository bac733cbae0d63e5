package dev.kubik.dsl.validate;

import dev.kubik.spi.KubernetesSpec;
import dev.kubik.dsl.lang.BoundCluster;
import dev.kubik.dsl.lang.Origins;
import dev.kubik.dsl.lang.Suggestions;
import dev.kubik.addons.AddonCatalog;
import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Defaults;
import dev.kubik.model.Mount;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.PortMapping;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.dsl.source.Problem;
import dev.kubik.dsl.source.SourcePosition;
import dev.kubik.spi.BootstrapperDescriptor;
import dev.kubik.spi.Capability;
import dev.kubik.spi.DriverDescriptor;
import dev.kubik.spi.ExistingHost;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.Plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a bound cluster against the rules no type can express: ranges, names, known drivers and versions,
 * conflicts. Reports every problem, each at the keyword or value that causes it.
 */
public final class SpecValidator {
    static final long MIN_DISK_MIB = 2000;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    /** A registry as images name it: a host, optionally with a port. */
    private static final Pattern REGISTRY = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\\d{1,5})?");
    /** A mirror URL; the character set keeps it safe to write into TOML and JSON configuration. */
    private static final Pattern MIRROR_URL = Pattern.compile("https?://[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\\d{1,5})?(/[-A-Za-z0-9._~/]*)?");
    /** An image repository: a registry host, optional port, and path; no tag. */
    private static final Pattern IMAGE_REPOSITORY = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\\d{1,5})?(/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*");
    /** A DNS name, an IPv4 address or an IPv6 literal. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][-A-Za-z0-9_.]{0,31}");
    /** OpenSSH's SHA256 fingerprint: unpadded base64 of 32 bytes. */
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:[\\\\/].*|\\\\\\\\.*");

    private final HostFacts host;
    private final List<? extends DriverDescriptor> drivers;
    private final List<? extends BootstrapperDescriptor> bootstrappers;
    private final RecordedClusters recorded;

    public SpecValidator(HostFacts host, List<? extends DriverDescriptor> drivers,
                         List<? extends BootstrapperDescriptor> bootstrappers) {
        this(host, drivers, bootstrappers, RecordedClusters.NONE);
    }

    private SpecValidator(HostFacts host, List<? extends DriverDescriptor> drivers,
                          List<? extends BootstrapperDescriptor> bootstrappers, RecordedClusters recorded) {
        this.host = host;
        this.drivers = List.copyOf(drivers);
        this.bootstrappers = List.copyOf(bootstrappers);
        this.recorded = recorded;
    }

    /** The same validator, also checking a script against the clusters kubik has made (an upgrade's step). */
    public SpecValidator against(RecordedClusters clusters) {
        return new SpecValidator(host, drivers, bootstrappers, clusters);
    }

    /** A validator for this host and the plugins on the class path. */
    public static SpecValidator forThisHost() {
        return new SpecValidator(HostFacts.current(), Plugins.drivers(), Plugins.bootstrappers());
    }

    /** What cluster and node names may be (a DNS label: they become host and container names). */
    public static final String NAME_RULE = "up to 63 lower-case letters, digits and '-', starting and ending with a letter or digit";

    public static boolean isName(String name) {
        return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
    }

    public List<Problem> validate(BoundCluster bound) {
        return new Check(bound.spec(), bound.origins()).run();
    }

    public Optional<BootstrapperDescriptor> bootstrapper(String name) {
        return bootstrappers.stream().filter(b -> b.name().equals(name)).map(BootstrapperDescriptor.class::cast).findFirst();
    }

    public Optional<DriverDescriptor> driver(String name) {
        return drivers.stream().filter(d -> d.name().equals(name) || d.aliases().contains(name))
                .map(DriverDescriptor.class::cast).findFirst();
    }

    private final class Check {
        private final ClusterSpec spec;
        private final Origins at;
        private final List<Problem> problems = new ArrayList<>();
        private boolean hostsMisplaced;

        Check(ClusterSpec spec, Origins origins) {
            this.spec = spec;
            this.at = origins;
        }

        List<Problem> run() {
            name(spec.name(), "cluster name", at.cluster());
            driverAndOptions();
            existingHosts();
            resources(new Resources(written("cpus", Defaults.CPUS), writtenSize("memory", Defaults.MEMORY_MIB),
                    writtenSize("disk", Defaults.DISK_MIB)), "");
            kubernetes();
            apiServerPort();
            topology();
            addons();
            mounts();
            ports();
            return problems;
        }

        private void problem(SourcePosition where, String message, String valid) {
            problems.add(new Problem(where, message, valid));
        }

        private void name(String name, String what, SourcePosition where) {
            if (!isName(name)) problem(where, what + " '" + name + "' is not a valid name", NAME_RULE);
        }

        private void driverAndOptions() {
            if (spec.driver() == null) {
                if (!spec.driverOptions().isEmpty()) {
                    problem(at.keyword("options"), "options { } needs a driver to check them against",
                            "name the driver: driver 'docker'");
                }
                return;
            }
            Optional<DriverDescriptor> found = driver(spec.driver());
            List<String> names = drivers.stream().map(DriverDescriptor::name).sorted().toList();
            if (found.isEmpty()) {
                problem(at.value("driver"), "unknown driver '" + spec.driver() + "'" + Suggestions.didYouMean(spec.driver(), names),
                        String.join(", ", names));
                return;
            }
            DriverDescriptor driver = found.get();
            if (!driver.supportedOn().contains(host.os())) {
                String oses = driver.supportedOn().stream().map(HostOs::displayName).sorted().collect(Collectors.joining(", "));
                List<String> here = drivers.stream().filter(d -> d.supportedOn().contains(host.os())).map(DriverDescriptor::name).sorted().toList();
                problem(at.value("driver"), "driver '" + driver.name() + "' runs only on " + oses + "; this host runs "
                        + host.os().displayName(), "on " + host.os().displayName() + ": " + String.join(", ", here));
            }
            int before = problems.size();
            spec.driverOptions().forEach((name, value) -> {
                Optional<OptionSpec> option = driver.options().find(name);
                String valid = driver.options().names().isEmpty() ? "the " + driver.name() + " driver has no options"
                        : "options of the " + driver.name() + " driver: " + String.join(", ", driver.options().names());
                if (option.isEmpty()) {
                    problem(at.keyword("options." + name), "unknown option '" + name + "' for the " + driver.name() + " driver"
                            + Suggestions.didYouMean(name, driver.options().names()), valid);
                } else {
                    option.get().problemWith(value).ifPresent(p -> problem(at.value("options." + name), p,
                            option.get().usage()));
                }
            });
            if (problems.size() > before) return;
            // What only the driver knows: how its settings combine with the cluster (one node per user network).
            driver.validate(driver.options().withDefaults(spec.driverOptions()), spec.nodes().size())
                    .forEach(p -> problem(at.value(at.has(p.setting()) ? p.setting() : "nodes"), p.message(), p.fix()));
            capabilities(driver);
        }

        /**
         * What the script asks of the driver that it has not declared it can do: refused here, with the drivers that
         * can, instead of silently left out. Drivers that adopt hosts get their own reasons (existingHosts).
         */
        private void capabilities(DriverDescriptor driver) {
            if (driver.adoptsExistingHosts()) return;
            if (!spec.mounts().isEmpty() && !driver.capabilities().contains(Capability.MOUNTS)) {
                problem(at.keyword("mount[0]"), "driver '" + driver.name() + "' cannot share host folders (mount)",
                        "drivers that can: " + able(Capability.MOUNTS) + "; or remove mount");
            }
            if (!spec.ports().isEmpty() && !driver.capabilities().contains(Capability.PORT_FORWARDING)) {
                problem(at.keyword("port[0]"), "driver '" + driver.name() + "' cannot forward host ports (port); its nodes are "
                        + "reached at their own addresses (kubik status)", "drivers that can: " + able(Capability.PORT_FORWARDING)
                        + "; or remove port");
            }
            if (spec.nodes().size() > 1 && !driver.capabilities().contains(Capability.MULTI_NODE)) {
                problem(at.value(at.has("nodes") ? "nodes" : "driver"), "driver '" + driver.name() + "' cannot join several machines",
                        "drivers that can: " + able(Capability.MULTI_NODE) + "; or nodes 1");
            }
        }

        /** The drivers of this host that declare {@code capability}. */
        private String able(Capability capability) {
            return String.join(", ", drivers.stream().filter(d -> d.supportedOn().contains(host.os()))
                    .filter(d -> d.capabilities().contains(capability)).map(DriverDescriptor::name).sorted().toList());
        }

        /**
         * The hosts a driver that adopts machines is given: every node names one, reachable as written (address,
         * port, a key only its owner can read, a fingerprint in OpenSSH's form), each host once; and the settings that
         * size or wire a machine kubik makes are refused, since an existing host keeps its own.
         */
        private void existingHosts() {
            Optional<DriverDescriptor> driver = spec.driver() == null ? Optional.empty() : driver(spec.driver());
            boolean adopts = driver.map(DriverDescriptor::adoptsExistingHosts).orElse(false);
            String adopting = drivers.stream().filter(DriverDescriptor::adoptsExistingHosts).map(d -> "driver '" + d.name() + "'")
                    .findFirst().orElse("a driver that adopts existing hosts");
            if (!adopts) {
                if (spec.driver() != null && driver.isEmpty()) return; // an unknown driver is reported already
                for (NodeSpec node : spec.nodes()) {
                    if (node.host() == null) continue;
                    hostsMisplaced = true; // the nodes were bound as hosts: what follows from that is no news
                    String path = "node:" + node.shortName() + ".";
                    String first = List.of("host", "user", "key", "hostKey", "port").stream().filter(k -> at.has(path + k)).findFirst().orElse("host");
                    problem(at.keyword(path + first), first + " names an existing machine, which "
                            + (spec.driver() == null ? "only " + adopting + " adopts" : "driver '" + spec.driver() + "' does not adopt: it makes its own"),
                            "use " + adopting + ", or remove host, port, user, key and hostKey");
                }
                return;
            }
            String name = driver.get().name();
            for (String setting : List.of("cpus", "memory", "disk")) {
                List<String> paths = new ArrayList<>(List.of(setting));
                spec.nodes().forEach(n -> paths.add("node:" + n.shortName() + "." + setting));
                paths.stream().filter(at::has).forEach(path -> problem(at.keyword(path), setting + " does not apply to existing hosts: "
                        + "driver '" + name + "' adopts machines as they are (kubik status shows their real cores and memory)",
                        "remove " + setting));
            }
            if (!spec.mounts().isEmpty()) {
                problem(at.keyword("mount[0]"), "mount shares host directories into machines kubik makes; driver '" + name
                        + "' adopts existing hosts", "remove mount, or mount the directory on the hosts yourself");
            }
            if (!spec.ports().isEmpty()) {
                problem(at.keyword("port[0]"), "port forwards host ports into machines kubik makes; driver '" + name
                        + "' adopts existing hosts, which are reached at their own addresses", "remove port");
            }
            Map<String, String> endpoints = new HashMap<>();
            for (NodeSpec node : spec.nodes()) {
                String path = "node:" + node.shortName();
                String example = "node('" + node.shortName() + "') { host '10.0.0.5'; user 'ubuntu'; key '~/.ssh/id_ed25519'; hostKey 'SHA256:…' }";
                if (!at.has(path)) {
                    problem(at.keyword("nodes"), "driver '" + name + "' adopts existing hosts, and unnamed nodes name none",
                            "name each host in a node block: " + example);
                    return;
                }
                ExistingHost host = node.host();
                if (host == null || host.address() == null) {
                    problem(at.keyword(path), "node '" + node.shortName() + "' names no host for driver '" + name + "'", example);
                    continue;
                }
                if (!HOST.matcher(host.address()).matches() || host.address().length() > 253) {
                    problem(at.value(path + ".host"), "'" + host.address() + "' is not a host name or IP address",
                            "e.g. '10.0.0.5', 'w1.lab' or '2001:db8::5'");
                }
                if (host.port() < 1 || host.port() > 65535) {
                    problem(at.value(path + ".port"), "port " + host.port() + " is out of range", "1 to 65535 (SSH's is 22)");
                }
                if (host.user() == null) {
                    problem(at.keyword(path + ".host"), "node '" + node.shortName() + "' names a host but no user", "user 'ubuntu'");
                } else if (!USER.matcher(host.user()).matches()) {
                    problem(at.value(path + ".user"), "'" + host.user() + "' is not a login name", "letters, digits, '.', '_' and '-', e.g. 'ubuntu'");
                }
                if (host.key() == null) {
                    problem(at.keyword(path + ".host"), "node '" + node.shortName() + "' names a host but no key", "key '~/.ssh/id_ed25519'");
                } else {
                    keyFile(host.key(), at.value(path + ".key"));
                }
                if (host.hostKey() != null && !FINGERPRINT.matcher(host.hostKey()).matches()) {
                    problem(at.value(path + ".hostKey"), "'" + host.hostKey() + "' is not an OpenSSH SHA256 fingerprint",
                            "SHA256: and 43 base64 characters, as ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub prints on the host");
                }
                String endpoint = host.address().toLowerCase(java.util.Locale.ROOT) + ":" + host.port();
                String earlier = endpoints.putIfAbsent(endpoint, node.shortName());
                if (earlier != null) {
                    problem(at.value(path + ".host"), "host " + host.address() + " port " + host.port() + " is node '" + earlier
                            + "' already", "each existing host in one node block");
                }
            }
        }

        /** A private key kubik can read and nobody else can: ssh itself refuses a key others can read. */
        private void keyFile(Path key, SourcePosition where) {
            if (!Files.isRegularFile(key) || !Files.isReadable(key)) {
                problem(where, "key file " + key + " does not exist or cannot be read", "the private key for the login, e.g. '~/.ssh/id_ed25519'");
                return;
            }
            try {
                dev.kubik.spi.OwnerOnly.othersWhoCanRead(key).ifPresent(who -> problem(where,
                        "key file " + key + " can be read by others (" + who + ")", dev.kubik.spi.OwnerOnly.fix(key)));
            } catch (UnsupportedOperationException | java.io.IOException e) {
                // A file system that keeps no permissions: nothing to check.
            }
        }

        private void resources(Resources resources, String prefix) {
            if (resources.cpus() < 1 || resources.cpus() > host.cores()) {
                problem(at.value(prefix + "cpus"), "cpus " + resources.cpus() + " is out of range",
                        "a whole number from 1 to " + host.cores() + " (this host's cores)");
            }
            Optional<BootstrapperDescriptor> bootstrapper = bootstrapper(spec.kubernetes().bootstrapper());
            long minimum = bootstrapper.map(BootstrapperDescriptor::minimumMemoryMiB).orElse(0L);
            if (resources.memoryMiB() < minimum) {
                problem(at.value(prefix + "memory"), "memory " + resources.memoryMiB() + " MiB is too little",
                        "at least " + minimum + " MiB for bootstrapper '" + bootstrapper.get().name() + "', e.g. memory '"
                                + (minimum > 1024 ? "2g" : "1g") + "'");
            }
            if (resources.diskMiB() < MIN_DISK_MIB) {
                problem(at.value(prefix + "disk"), "disk " + resources.diskMiB() + " MiB is too small",
                        "at least " + MIN_DISK_MIB + " MiB, e.g. disk '20g'");
            }
        }

        private void kubernetes() {
            KubernetesSpec k8s = spec.kubernetes();
            Optional<BootstrapperDescriptor> bootstrapper = bootstrapper(k8s.bootstrapper());
            List<String> bootstrapperNames = bootstrappers.stream().map(BootstrapperDescriptor::name).toList();
            if (bootstrapper.isEmpty()) {
                problem(at.value("kubernetes.bootstrapper"), "unknown bootstrapper '" + k8s.bootstrapper() + "'"
                        + Suggestions.didYouMean(k8s.bootstrapper(), bootstrapperNames), String.join(", ", bootstrapperNames));
            }
            List<String> runtimes = bootstrappers.stream().flatMap(b -> b.runtimes().stream()).distinct().toList();
            if (!runtimes.contains(k8s.runtime())) {
                problem(at.value("kubernetes.runtime"), "unknown runtime '" + k8s.runtime() + "'"
                        + Suggestions.didYouMean(k8s.runtime(), runtimes), String.join(", ", runtimes));
            } else if (bootstrapper.isPresent() && !bootstrapper.get().runtimes().contains(k8s.runtime())) {
                problem(at.value("kubernetes.runtime"), "the " + k8s.bootstrapper() + " bootstrapper cannot run "
                        + k8s.runtime(), String.join(", ", bootstrapper.get().runtimes()));
            }
            Optional<Cidr> pods = cidr(k8s.podSubnet(), "kubernetes.podSubnet", "podSubnet");
            Optional<Cidr> services = cidr(k8s.serviceSubnet(), "kubernetes.serviceSubnet", "serviceSubnet");
            if (pods.isPresent() && services.isPresent() && pods.get().overlaps(services.get())) {
                problem(at.value(at.has("kubernetes.serviceSubnet") ? "kubernetes.serviceSubnet" : "kubernetes.podSubnet"),
                        "podSubnet " + k8s.podSubnet() + " overlaps serviceSubnet " + k8s.serviceSubnet(),
                        "two disjoint ranges, e.g. podSubnet '10.244.0.0/16' and serviceSubnet '10.96.0.0/12'");
            }
            if (k8s.dnsDomain().length() > 253 || !DNS_NAME.matcher(k8s.dnsDomain()).matches()) {
                problem(at.value("kubernetes.dnsDomain"), "'" + k8s.dnsDomain() + "' is not a DNS domain", "e.g. cluster.local");
            }
            if (bootstrapper.isPresent()) {
                List<String> components = bootstrapper.get().components();
                for (String component : k8s.extraConfig().keySet()) {
                    if (!components.contains(component)) {
                        problem(at.value("kubernetes.extraConfig." + component), components.isEmpty()
                                ? "bootstrapper '" + k8s.bootstrapper() + "' has no components to configure"
                                : "unknown extraConfig component '" + component + "'" + Suggestions.didYouMean(component, components),
                                components.isEmpty() ? "remove extraConfig, or use bootstrapper 'kubeadm'" : String.join(", ", components));
                    }
                }
            }
            registryMirrors(k8s);
            if (k8s.imageRepository() != null && !IMAGE_REPOSITORY.matcher(k8s.imageRepository()).matches()) {
                problem(at.value("kubernetes.imageRepository"), "'" + k8s.imageRepository() + "' is not an image repository",
                        "a registry and path without a tag, e.g. 'registry.example:5000/k8s'");
            }
            // What only the bootstrapper knows: its versions, what its runtimes can mirror, its binaries.
            int before = problems.size();
            bootstrapper.ifPresent(b -> b.validate(k8s).forEach(p -> problem(at.value(p.setting()), p.message(), p.fix())));
            if (problems.size() == before) bootstrapper.ifPresent(this::upgrade);
        }

        /**
         * A running cluster whose script names another version moves to it in place: the step must be one the
         * bootstrapper takes (kubeadm: forward, one minor at a time). A cluster that is rebuilt anyway (new driver,
         * runtime or bootstrapper) takes any version.
         */
        private void upgrade(BootstrapperDescriptor bootstrapper) {
            Optional<ClusterState> state = recorded.of(spec.name());
            if (state.isEmpty()) return;
            ClusterState running = state.get();
            String driverName = spec.driver() == null ? running.driver() : driver(spec.driver()).map(DriverDescriptor::name).orElse(spec.driver());
            running.refusedUpgrades(driverName, spec.kubernetes().runtime(), bootstrapper, spec.kubernetes().version())
                    .forEach(p -> problem(at.value(p.setting()), p.message(), p.fix()));
        }

        /** Ports a node already uses: sshd, etcd, the kubelet, the controller manager, the scheduler, kube-proxy. */
        private static final Map<Integer, String> NODE_PORTS = Map.of(22, "sshd", 2379, "etcd", 2380, "etcd",
                10249, "kube-proxy", 10250, "the kubelet", 10256, "kube-proxy", 10257, "kube-controller-manager",
                10259, "kube-scheduler");

        private void apiServerPort() {
            int port = spec.kubernetes().apiServerPort();
            if (port < 1 || port > 65535) {
                problem(at.value("apiServerPort"), "apiServerPort " + port + " is not a port", "1 to 65535; minikube's and kubik's default is 8443");
            } else if (NODE_PORTS.containsKey(port)) {
                problem(at.value("apiServerPort"), "apiServerPort " + port + " is taken by " + NODE_PORTS.get(port) + " in every node",
                        "another port, e.g. 8443 (the default) or 6443 (kubeadm's)");
            }
        }

        /** The syntax every configuration file needs (a fixed character set); what a runtime accepts is the bootstrapper's. */
        private void registryMirrors(KubernetesSpec k8s) {
            k8s.registryMirrors().forEach((registry, urls) -> {
                SourcePosition where = at.value("kubernetes.registryMirrors." + registry);
                if (!REGISTRY.matcher(registry).matches()) {
                    problem(where, "'" + registry + "' is not a registry host", "a host name with an optional port, e.g. 'docker.io' or 'registry.local:5000'");
                }
                for (String url : urls) {
                    if (!MIRROR_URL.matcher(url).matches()) {
                        problem(where, "mirror '" + url + "' is not an http or https URL",
                                "e.g. 'https://mirror.example:5000' or 'http://10.0.0.5:5000/v2-proxy'");
                    }
                }
            });
        }

        private Optional<Cidr> cidr(String text, String path, String keyword) {
            Optional<Cidr> cidr = Cidr.parse(text);
            if (cidr.isEmpty()) {
                problem(at.value(path), keyword + " '" + text + "' is not an IPv4 network in CIDR form",
                        "an address with its host bits zero and a prefix length, e.g. 10.244.0.0/16");
            }
            return cidr;
        }

        private void topology() {
            int nodes = written("nodes", Defaults.NODES);
            int controlPlanes = written("controlPlanes", Defaults.CONTROL_PLANES);
            boolean namedNodes = spec.nodes().stream().anyMatch(n -> at.has("node:" + n.shortName()));
            if (nodes < (namedNodes ? 0 : 1)) {
                problem(at.value("nodes"), "nodes " + nodes + " is out of range", namedNodes ? "0 or more" : "at least 1");
            } else if (spec.controlPlaneCount() == 0 && !hostsMisplaced) {
                problem(at.keyword("nodes"), "the cluster has no control plane", "role 'control-plane' in one node block");
            }
            if (controlPlanes < 1) {
                problem(at.value("controlPlanes"), "controlPlanes " + controlPlanes + " is out of range", "at least 1");
            } else if (nodes >= 1 && controlPlanes > nodes) {
                problem(at.value("controlPlanes"), "controlPlanes " + controlPlanes + " needs at least " + controlPlanes
                        + " nodes, but nodes is " + nodes, "controlPlanes at most nodes, e.g. nodes " + controlPlanes);
            }
            Map<String, NodeSpec> seen = new HashMap<>();
            Set<String> reported = new HashSet<>();
            for (NodeSpec node : spec.nodes()) {
                String path = "node:" + node.shortName();
                if (!at.has(path)) continue;
                SourcePosition where = at.keyword(path);
                name(node.shortName(), "node name", where);
                if (node.name().length() > 63) {
                    problem(where, "machine name '" + node.name() + "' is longer than 63 characters", "a shorter cluster or node name");
                }
                resources(node.resources(), path + ".");
                node.labels().forEach((key, value) -> {
                    if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
                        problem(at.value(path + ".labels." + key), "label " + key + "=" + value + " is not a valid Kubernetes label",
                                "keys like tier or example.com/tier, values up to 63 letters, digits, '-', '_', '.'");
                    }
                });
            }
            for (NodeSpec node : spec.nodes()) {
                NodeSpec earlier = seen.putIfAbsent(node.name(), node);
                if (earlier != null && reported.add(node.name())) {
                    String path = at.has("node:" + node.shortName()) ? "node:" + node.shortName() : "nodes";
                    problem(at.keyword(path), "node name '" + node.shortName() + "' is used twice"
                            + (at.has("node:" + earlier.shortName()) ? "" : " (the unnamed nodes are called m02, m03, …)"),
                            "a name no other node of this cluster has");
                }
            }
        }

        /** A count as the script wrote it (binding derives nodes from it, so read the source value). */
        private int written(String keyword, int fallback) {
            return at.has(keyword) ? (Integer) at.parts().get(keyword).value() : fallback;
        }

        private long writtenSize(String keyword, long fallback) {
            return at.has(keyword) ? (Long) at.parts().get(keyword).value() : fallback;
        }

        private void addons() {
            if (spec.addons().isEmpty()) return;
            Optional<BootstrapperDescriptor> bootstrapper = bootstrapper(spec.kubernetes().bootstrapper());
            if (bootstrapper.isPresent() && !bootstrapper.get().installsKubernetes()) {
                problem(at.keyword("addons"), "addons need Kubernetes, but bootstrapper '" + bootstrapper.get().name()
                        + "' installs none", "remove addons, or use bootstrapper 'kubeadm'");
            }
            for (String addon : spec.addons()) {
                if (!AddonCatalog.names().contains(addon)) {
                    problem(at.value("addons." + addon), "unknown addon '" + addon + "'" + Suggestions.didYouMean(addon, AddonCatalog.names()),
                            String.join(", ", AddonCatalog.names()));
                }
            }
        }

        private void mounts() {
            Set<String> guests = new HashSet<>();
            for (int i = 0; i < spec.mounts().size(); i++) {
                Mount mount = spec.mounts().get(i);
                String path = "mount[" + i + "]";
                boolean hostAbsolute = host.os() == HostOs.WINDOWS
                        ? WINDOWS_ABSOLUTE.matcher(mount.hostPath()).matches() : mount.hostPath().startsWith("/");
                if (!hostAbsolute) {
                    problem(at.value(path), "mount source '" + mount.hostPath() + "' is not an absolute host path",
                            host.os() == HostOs.WINDOWS ? "e.g. C:\\Users\\me\\src" : "e.g. /home/me/src");
                }
                if (!mount.guestPath().startsWith("/")) {
                    problem(at.value(path), "mount target '" + mount.guestPath() + "' is not an absolute path in the node", "e.g. to: '/src'");
                } else if (!guests.add(mount.guestPath())) {
                    problem(at.value(path), "mount target '" + mount.guestPath() + "' is used twice", "one mount per node path");
                }
            }
        }

        private void ports() {
            Set<Integer> hostPorts = new HashSet<>();
            for (int i = 0; i < spec.ports().size(); i++) {
                PortMapping port = spec.ports().get(i);
                String path = "port[" + i + "]";
                for (int p : new int[]{port.hostPort(), port.nodePort()}) {
                    if (p < 1 || p > 65535) {
                        problem(at.value(path), "port " + p + " is out of range", "1 to 65535");
                    }
                }
                if (!hostPorts.add(port.hostPort())) {
                    problem(at.value(path), "host port " + port.hostPort() + " is forwarded twice", "each host port once");
                }
            }
        }
    }
}
