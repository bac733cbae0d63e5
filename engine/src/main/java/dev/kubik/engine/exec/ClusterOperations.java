package dev.kubik.engine.exec;

import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Mount;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.Action;
import dev.kubik.plan.HostLinks;
import dev.kubik.plan.MachineRecord;
import dev.kubik.plan.PlanStep;
import dev.kubik.plan.StepValues;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.Driver;
import dev.kubik.spi.HostMount;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.PortForward;
import dev.kubik.spi.Reporter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
    private final KubernetesAccess access;
    private final DriverContext context;
    private volatile ClusterNetwork network;

    public ClusterOperations(ClusterSpec spec, Driver driver, Driver previousDriver, Bootstrapper bootstrapper,
                             Map<String, Object> options, StateLedger ledger, NodeAccess nodes,
                             KubernetesAccess access, DriverContext context) {
        this.spec = spec;
        this.driver = driver;
        this.previousDriver = previousDriver;
        this.bootstrapper = bootstrapper;
        this.options = Map.copyOf(options);
        this.ledger = ledger;
        this.nodes = nodes;
        this.access = access;
        this.context = DriverContexts.forRun(context);
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
                        .withRegistryMirrors(step.after().registryMirrors())));
            }
            case CONTROL_PLANE -> {
                NodeContext primary = context(step.target());
                List<String> certified = certifiedControlPlanes();
                bootstrapper.initControlPlane(primary, access.pki(spec, ips(certified, primary)));
                ledger.update(s -> s.withControlPlaneReady(true).withMachine(joined(step))
                        .withCertifiedControlPlanes(certified));
            }
            case CERTIFICATES -> {
                List<String> certified = certifiedControlPlanes();
                if (step.action() == Action.CREATE) {
                    // A new cluster's: made on the host; init installs them.
                    access.pki(spec, certified.stream().map(m -> driver.ip(ref(m), context)).toList());
                } else {
                    NodeContext primary = context(spec.primary().name());
                    bootstrapper.certificatesChanged(primary, access.pki(spec, ips(certified, primary)));
                }
                ledger.update(s -> s.withCertifiedControlPlanes(certified));
            }
            case KUBECONFIG -> access.addContext(spec, driver.apiServerEndpoint(ref(spec.primary().name()), context));
            case JOIN -> {
                bootstrapper.join(context(step.target()), context(spec.primary().name()));
                ledger.update(s -> s.withMachine(joined(step)));
            }
            case BINARIES -> binaries(step);
            case UPGRADE -> {
                String from = ledger.get().versionOf(record(step.target()));
                bootstrapper.upgrade(context(step.target()), context(spec.primary().name()), from);
                // Recorded node by node: a run stopped half-way knows which nodes still run the old version.
                ledger.update(s -> s.withMachine(record(step.target()).withKubernetesVersion(step.after().kubernetesVersion())));
            }
            case DRAIN -> bootstrapper.drain(context(spec.primary().name()), step.target());
            case RESET -> bootstrapper.reset(removedContext(step.target()));
            case ADDON -> addon(step);
            case STOP -> throw new IllegalStateException("a script's plan never stops a machine: " + step.id());
        }
    }

    /** Whether a binaries step is an upgrade's (its target is the version) rather than one node's (the node). */
    static boolean forEveryMovingNode(PlanStep step) {
        return step.after() != null && step.target().equals(step.after().kubernetesVersion());
    }

    /** Into the node the step names, or the new version's into every joined node that moves to it. */
    private void binaries(PlanStep step) {
        if (!forEveryMovingNode(step)) {
            bootstrapper.installBinaries(context(step.target()));
            return;
        }
        for (NodeSpec node : spec.nodes()) {
            MachineRecord machine = ledger.get().machine(node.name()).orElse(null);
            if (machine != null && machine.joined() && !step.target().equals(ledger.get().versionOf(machine))) {
                bootstrapper.installBinaries(context(node.name()));
            }
        }
    }

    /** The step's machine, now part of the cluster at the version the step says. */
    private MachineRecord joined(PlanStep step) {
        return record(step.target()).withJoined(true).withKubernetesVersion(step.after().kubernetesVersion());
    }

    /** The control-plane machines that exist, which the serving certificate must name. */
    private List<String> certifiedControlPlanes() {
        List<String> named = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            if (node.role() == Role.CONTROL_PLANE && ledger.get().machine(node.name()).isPresent()) named.add(node.name());
        }
        return named;
    }

    private List<String> ips(List<String> machines, NodeContext primary) {
        return machines.stream().map(m -> m.equals(primary.name()) ? primary.ip() : driver.ip(ref(m), context)).toList();
    }

    private void network(PlanStep step) {
        if (step.action() == Action.REPLACE) {
            // A new driver: the old driver's machines and network go first, all at once.
            for (String machine : previousDriver.machinesOf(spec.name(), context)) {
                remove(machine);
            }
            previousDriver.removeNetwork(spec.name(), context);
        }
        network = driver.ensureNetwork(spec.name(), options, context);
        ledger.update(s -> s.withNetworkReady(true));
    }

    private void machine(PlanStep step) {
        String name = step.target();
        switch (step.action()) {
            case CREATE -> create(node(name), step.after());
            case REPLACE -> {
                remove(name);
                create(node(name), step.after());
            }
            case UPDATE -> {
                // The machine as recorded, with the resources the step moves it to.
                MachineRecord record = record(name);
                HostLinks links = record.links() != null ? record.links() : HostLinks.of(spec, node(name)); // older state
                StepValues resized = StepValues.machine(record.role(), step.after().resources(), links);
                MachineRef changed = driver.resize(config(node(name), resized), ref(name), context);
                ledger.update(s -> s.withMachine(record(name).withResources(step.after().resources())
                        .withDriverState(changed.state())));
            }
            case DELETE -> remove(name);
        }
    }

    /** A machine made as the step's values say: its role, resources and links to the host. */
    private void create(NodeSpec node, StepValues wanted) {
        Reporter timings = context.reporter();
        CreatedMachine created = driver.create(config(node, wanted), context);
        // An adopted host has its own size, which the record keeps (kubik status shows it; nothing resizes it).
        Resources size = created.size() == null ? wanted.resources()
                : new Resources(created.size().cpus(), created.size().memoryMiB(), wanted.resources().diskMiB());
        timings.timed(node.name(), "state write", () -> ledger.update(s -> s.withMachine(new MachineRecord(node.name(),
                node.shortName(), wanted.role(), size, options, MachineState.RUNNING, false, false, Map.of(), created.ssh().user(),
                created.state(), wanted.links(), null))));
        // Without keys read through a trusted channel, pinning waits for the first contact: not a state write.
        nodes.pinNewMachine(node.name(), created);
        // The step ends when SSH answers with the pinned key and the driver's guest-side work is done. Until the
        // machine's SSH server first speaks it is booting; the key exchange and login follow.
        long waiting = System.nanoTime();
        AtomicLong answered = new AtomicLong(waiting);
        CommandRunner runner = nodes.runner(node.name(), driver, () -> ref(node.name()), context, () -> {
            answered.set(System.nanoTime());
            timings.phase(node.name(), "boot (until sshd answers)", Duration.ofNanos(answered.get() - waiting));
        });
        timings.phase(node.name(), "ssh handshake", Duration.ofNanos(System.nanoTime() - answered.get()));
        driver.afterBoot(ref(node.name()), runner, context);
    }

    private void remove(String name) {
        MachineRef machine = ledger.get().machine(name).map(MachineRecord::ref).orElse(MachineRef.named(name));
        previousDriver.remove(machine, context);
        ledger.update(s -> s.withoutMachine(name));
        nodes.forget(name);
    }

    private void start(String name) {
        nodes.drop(name);
        MachineRef started = driver.start(ref(name), context);
        ledger.update(s -> s.withMachine(record(name).withState(MachineState.RUNNING).withDriverState(started.state())));
        driver.afterBoot(ref(name), runner(name), context);
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

    /**
     * What the driver is asked for: the plan step's role, resources, shared folders, ports and API server port; from
     * the spec only what the plan does not show (the node's position, the driver's options, an adopted host).
     */
    private MachineConfig config(NodeSpec node, StepValues wanted) {
        ClusterNetwork net = network;
        if (net == null) {
            synchronized (this) {
                if (network == null) network = driver.ensureNetwork(spec.name(), options, context);
                net = network;
            }
        }
        HostLinks links = wanted.links();
        List<PortForward> ports = links.ports().stream().map(p -> new PortForward(p.hostPort(), p.nodePort())).toList();
        List<HostMount> mounts = links.mounts().stream().map((Mount m) -> new HostMount(m.hostPath(), m.guestPath())).toList();
        Resources resources = wanted.resources();
        return new MachineConfig(spec.name(), node.name(), wanted.role().keyword(), spec.nodes().indexOf(node),
                resources.cpus(), resources.memoryMiB(), resources.diskMiB(), options, mounts, ports,
                net, nodes.publicKey(), node.host(), links.apiServerPort());
    }

    private NodeContext context(String machine) {
        return nodes.nodeContext(machine, node(machine).role().keyword(), () -> ref(machine), driver, spec.kubernetes(), context,
                controlPlanes());
    }

    /** The script's control planes: the cluster being made, whatever has been made of it so far. */
    private int controlPlanes() {
        return (int) spec.controlPlaneCount();
    }

    /** A machine on its way out: no longer in the script, so its role comes from the record. */
    private NodeContext removedContext(String machine) {
        return nodes.nodeContext(machine, record(machine).role().keyword(), () -> ref(machine), driver, spec.kubernetes(), context,
                controlPlanes());
    }

    private CommandRunner runner(String machine) {
        return nodes.runner(machine, driver, () -> ref(machine), context);
    }

    /** The machine as its driver is handed it: with the state the driver last returned. */
    private MachineRef ref(String machine) {
        return record(machine).ref();
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
