package dev.kubik.engine.exec;

import dev.kubik.dsl.model.ClusterSpec;
import dev.kubik.dsl.model.Mount;
import dev.kubik.dsl.model.NodeSpec;
import dev.kubik.dsl.model.Role;
import dev.kubik.dsl.plan.Action;
import dev.kubik.dsl.plan.MachineRecord;
import dev.kubik.dsl.plan.PlanStep;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.Driver;
import dev.kubik.spi.HostMount;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.PortForward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each kind of plan step does, against the chosen driver and bootstrapper. Every effect is recorded in the
 * ledger as soon as it has happened.
 */
public final class ClusterOperations implements Executor.StepRunner {
    private final ClusterSpec spec;
    private final Driver driver;
    /** The driver the existing machines were made with; differs from {@link #driver} when the script changed it. */
    private final Driver previousDriver;
    private final Bootstrapper bootstrapper;
    private final Map<String, Object> options;
    private final StateLedger ledger;
    private final NodeAccess nodes;
    private final Events events;
    private final KubernetesAccess access;
    private final KubernetesBinaries binaries;
    private final Preloads preloads;
    private volatile ClusterNetwork network;

    public ClusterOperations(ClusterSpec spec, Driver driver, Driver previousDriver, Bootstrapper bootstrapper,
                             Map<String, Object> options, StateLedger ledger, NodeAccess nodes, Events events,
                             KubernetesAccess access) {
        this.spec = spec;
        this.driver = driver;
        this.previousDriver = previousDriver;
        this.bootstrapper = bootstrapper;
        this.options = Map.copyOf(options);
        this.ledger = ledger;
        this.nodes = nodes;
        this.events = events;
        this.access = access;
        this.binaries = new KubernetesBinaries(nodes.cache());
        this.preloads = new Preloads(nodes.cache());
    }

    @Override
    public void run(PlanStep step) {
        switch (step.kind()) {
            case NETWORK -> network(step);
            case MACHINE -> machine(step);
            case START -> start(step.target());
            case RUNTIME -> {
                bootstrapper.prepareRuntime(context(step.target()));
                ledger.update(s -> s.withMachine(record(step.target()).withRuntimeReady(true)
                        .withRegistryMirrors(spec.kubernetes().registryMirrors())));
            }
            case CONTROL_PLANE -> {
                fetchBinaries();
                NodeContext primary = context(step.target());
                preload(primary);
                List<String> certified = installCertificates(primary);
                bootstrapper.initControlPlane(primary);
                access.addContext(spec, driver.apiServerEndpoint(step.target()));
                ledger.update(s -> s.withControlPlaneReady(true).withMachine(record(step.target()).withJoined(true))
                        .withCertifiedControlPlanes(certified));
            }
            case CERTIFICATES -> {
                NodeContext primary = context(spec.primary().name());
                List<String> certified = installCertificates(primary);
                bootstrapper.certificatesChanged(primary);
                ledger.update(s -> s.withCertifiedControlPlanes(certified));
            }
            case JOIN -> {
                fetchBinaries();
                NodeContext node = context(step.target());
                preload(node);
                bootstrapper.join(node, context(spec.primary().name()));
                ledger.update(s -> s.withMachine(record(step.target()).withJoined(true)));
            }
            case DRAIN -> {
                bootstrapper.drain(context(spec.primary().name()), step.target());
                bootstrapper.reset(removedContext(step.target()));
            }
            case ADDON -> addon(step);
        }
    }

    /**
     * The profile's certificates, the serving one naming every control-plane machine that exists, copied into the
     * primary; returns the machines named.
     */
    private List<String> installCertificates(NodeContext primary) {
        List<String> named = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            if (node.role() != Role.CONTROL_PLANE || ledger.get().machine(node.name()).isEmpty()) continue;
            named.add(node.name());
            ips.add(node.name().equals(primary.name()) ? primary.ip() : driver.ip(node.name()));
        }
        access.installCertificates(spec, ips, primary.runner());
        return named;
    }

    private void preload(NodeContext node) {
        preloads.fetch(spec.kubernetes().version(), spec.kubernetes().runtime(), events)
                .ifPresent(p -> preloads.apply(p, node, driver.localRunner(node.name()).orElse(node.runner()), events));
    }

    /** Into kubik's cache, unless the script names a directory that has them (air-gapped hosts). */
    private void fetchBinaries() {
        if (spec.kubernetes().binaries() == null) binaries.fetch(spec.kubernetes().version(), events);
    }

    private void network(PlanStep step) {
        if (step.action() == Action.REPLACE) {
            // A new driver: the old driver's machines and network go first, all at once.
            for (String machine : previousDriver.machinesOf(spec.name())) {
                remove(machine);
            }
            previousDriver.removeNetwork(spec.name());
        }
        network = driver.ensureNetwork(spec.name(), options, events);
        ledger.update(s -> s.withNetworkReady(true));
    }

    private void machine(PlanStep step) {
        String name = step.target();
        switch (step.action()) {
            case CREATE -> create(node(name));
            case REPLACE -> {
                remove(name);
                create(node(name));
            }
            case UPDATE -> {
                driver.resize(config(node(name)));
                ledger.update(s -> s.withMachine(record(name).withResources(node(name).resources())));
            }
            case DELETE -> remove(name);
        }
    }

    private void create(NodeSpec node) {
        driver.create(config(node), events);
        ledger.update(s -> s.withMachine(new MachineRecord(node.name(), node.shortName(), node.role(), node.resources(),
                options, MachineState.RUNNING, false, false)));
        nodes.pinNewMachine(driver, node.name());
        nodes.runner(driver, node.name()); // the step ends when SSH answers with the pinned key
    }

    private void remove(String name) {
        previousDriver.remove(name);
        ledger.update(s -> s.withoutMachine(name));
        nodes.forget(name);
    }

    private void start(String name) {
        nodes.drop(name);
        driver.start(name);
        ledger.update(s -> s.withMachine(record(name).withState(MachineState.RUNNING)));
        nodes.runner(driver, name);
    }

    private void addon(PlanStep step) {
        boolean enable = step.action() != Action.DELETE;
        bootstrapper.addon(context(spec.primary().name()), step.target(), enable);
        ledger.update(s -> {
            List<String> addons = new ArrayList<>(s.addons());
            addons.remove(step.target());
            if (enable) addons.add(step.target());
            return s.withAddons(addons);
        });
    }

    private MachineConfig config(NodeSpec node) {
        ClusterNetwork net = network;
        if (net == null) {
            synchronized (this) {
                if (network == null) network = driver.ensureNetwork(spec.name(), options, events);
                net = network;
            }
        }
        boolean primary = node.name().equals(spec.primary().name());
        List<PortForward> ports = primary
                ? spec.ports().stream().map(p -> new PortForward(p.hostPort(), p.nodePort())).toList() : List.of();
        List<HostMount> mounts = spec.mounts().stream().map((Mount m) -> new HostMount(m.hostPath(), m.guestPath())).toList();
        return new MachineConfig(spec.name(), node.name(), node.role().keyword(), spec.nodes().indexOf(node),
                node.resources().cpus(), node.resources().memoryMiB(), node.resources().diskMiB(), options, mounts, ports,
                net, nodes.publicKey());
    }

    private NodeContext context(String machine) {
        NodeSpec node = node(machine);
        return new NodeContext(spec.name(), machine, node.role().keyword(), driver.ip(machine), spec.kubernetes(),
                nodes.runner(driver, machine), events, nodes.cache());
    }

    /** A machine on its way out: no longer in the script, so its role comes from the record. */
    private NodeContext removedContext(String machine) {
        MachineRecord record = record(machine);
        return new NodeContext(spec.name(), machine, record.role().keyword(), driver.ip(machine), spec.kubernetes(),
                nodes.runner(driver, machine), events, nodes.cache());
    }

    private NodeSpec node(String machine) {
        return spec.nodes().stream().filter(n -> n.name().equals(machine)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node " + machine + " in the script"));
    }

    private MachineRecord record(String machine) {
        return ledger.get().machine(machine)
                .orElseThrow(() -> new IllegalStateException("no record of machine " + machine));
    }
}
