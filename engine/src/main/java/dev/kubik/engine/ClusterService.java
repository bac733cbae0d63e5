package dev.kubik.engine;

import dev.kubik.engine.certs.ClusterCertificates;
import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.DriverTraits;
import dev.kubik.plan.MachineRecord;
import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.plan.Planner;
import dev.kubik.plan.SavedPlan;
import dev.kubik.engine.exec.ClusterOperations;
import dev.kubik.engine.exec.DriverContexts;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.Executor;
import dev.kubik.engine.exec.NodeAccess;
import dev.kubik.engine.exec.KubernetesAccess;
import dev.kubik.engine.exec.StateLedger;
import dev.kubik.engine.kubeconfig.KubeconfigFile;
import dev.kubik.engine.state.StateFileException;
import dev.kubik.engine.images.ImageLoader;
import dev.kubik.engine.ssh.SshRunner;
import dev.kubik.engine.state.ProfileLock;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.Plugins;
import dev.kubik.spi.SshAccess;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Everything kubik does to clusters, for the CLI, the REPL and scripts alike: plan, apply, status, stop,
 * start, delete, ssh. Anything that changes a profile holds its lock.
 */
public final class ClusterService {
    /** How long a command waits for another kubik working on the same profile. */
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private final ProfileStore store;
    private final Events events;
    private final String kubikVersion;
    private final DriverContext context;
    private final NodeAccess.Connector connector;
    private final Duration stepDeadline;

    public ClusterService(KubikHome home, Events events) {
        this(home, events, "dev");
    }

    /** @param kubikVersion recorded in the kubeconfig entries kubik writes */
    public ClusterService(KubikHome home, Events events, String kubikVersion) {
        this(home, events, kubikVersion, NodeAccess.SSH);
    }

    /** @param connector how nodes are reached: SSH, or in engine tests an in-memory connection */
    public ClusterService(KubikHome home, Events events, String kubikVersion, NodeAccess.Connector connector) {
        this(home, events, kubikVersion, connector, dev.kubik.engine.exec.StepDeadline.configured());
    }

    /** @param stepDeadline how long one plan step may run before it fails ({@link dev.kubik.engine.exec.StepDeadline}) */
    public ClusterService(KubikHome home, Events events, String kubikVersion, NodeAccess.Connector connector, Duration stepDeadline) {
        this.connector = connector;
        this.stepDeadline = stepDeadline;
        this.store = new ProfileStore(home);
        this.events = events;
        this.kubikVersion = kubikVersion;
        this.context = DriverContexts.of(home, events);
    }

    public ProfileStore store() {
        return store;
    }

    Duration stepDeadline() {
        return stepDeadline;
    }

    /** The clusters kubik has a record of, by name. */
    public List<String> profiles() {
        return profilesIn(store.home());
    }

    /** The same, without a service (completion, which must not wait for anything). */
    public static List<String> profilesIn(KubikHome home) {
        return new ProfileStore(home).profiles();
    }

    /** Whether kubik has a record of this cluster. */
    public boolean exists(String profile) {
        return store.exists(profile);
    }

    /** The profile commands act on when none is named ({@code kubik profile NAME}), if one was chosen. */
    public Optional<String> currentProfile() {
        return currentProfileIn(store.home());
    }

    public static Optional<String> currentProfileIn(KubikHome home) {
        return new dev.kubik.engine.state.CurrentProfile(home).get();
    }

    public void makeCurrent(String profile) {
        new dev.kubik.engine.state.CurrentProfile(store.home()).set(profile);
    }

    /**
     * Goes through what a run touches after planning (plan and state JSON, the key pair, SSH's key exchange), for
     * the launcher's class-data archive: loads the classes, changes nothing outside this service's home.
     */
    public void warmUp(Plan plan) {
        dev.kubik.plan.PlanJson.read(dev.kubik.plan.PlanJson.write(plan));
        dev.kubik.engine.state.Json.warmUp();
        // A new cluster's key pair: the JDK's Ed25519 and the random source, which SSH's signatures use again.
        java.nio.file.Path keys = store.home().root().resolve("warm-up");
        dev.kubik.engine.ssh.SshKeys.ensure(keys, "kubik@warm-up");
        SshRunner.warmUp(keys.resolve(dev.kubik.engine.ssh.SshKeys.PRIVATE));
    }

    /** Removes kubik's home directory: caches, keys, history ({@code kubik delete --purge}). */
    public void purgeHome() {
        ProfileStore.deleteTree(store.home().root());
    }

    /** A plan, and all that was resolved to make it. */
    public record Prepared(ClusterSpec spec, Plan plan, ClusterState state, Driver driver, Bootstrapper bootstrapper,
                           Map<String, Object> options) {
    }

    /** How an apply ended. */
    public record Applied(Prepared prepared, Executor.Outcome outcome, boolean declined) {
        public boolean ok() {
            return !declined && outcome != null && outcome.ok();
        }
    }

    /**
     * One row of {@code kubik status}.
     *
     * @param kubernetesVersion what its kubelet runs; null when it runs none (not joined, bootstrapper none)
     * @param paused            its Kubernetes is paused ({@code kubik pause}), the machine running
     */
    public record NodeStatus(String name, String role, String driver, MachineState state, String ip, Endpoint ssh,
                             Resources resources, String kubernetesVersion, boolean paused) {
    }

    /** Plans without changing anything (no lock: state files are only ever replaced whole). */
    public Prepared plan(ClusterSpec spec) {
        ClusterState state = refreshed(store.state(spec.name()).orElse(ClusterState.none(spec.name())));
        return prepare(spec, state);
    }

    /**
     * Plans and runs under the profile's lock. {@code approve} sees every plan that changes something, before
     * anything runs (to show it, and to ask the user when it destroys anything); false declines it.
     */
    public Applied apply(ClusterSpec spec, Predicate<Plan> approve, int parallelism) {
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(spec.name()), spec.name(), LOCK_TIMEOUT, events::info)) {
            ClusterState recorded = store.state(spec.name()).orElse(ClusterState.none(spec.name()));
            return execute(prepareHealthy(spec, recorded), approve, parallelism);
        }
    }

    /**
     * Applies a plan saved earlier ({@code kubik plan --out}), exactly: the state must be the one it was made from
     * (same lineage and serial), and planning its cluster again against what exists now must give the same steps
     * (a machine stopped or removed outside kubik changes them). Otherwise nothing runs, and the error says what
     * changed.
     */
    public Applied applySaved(SavedPlan saved, Predicate<Plan> approve, int parallelism) {
        ClusterSpec spec = saved.spec();
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(spec.name()), spec.name(), LOCK_TIMEOUT, events::info)) {
            ClusterState recorded = store.state(spec.name()).orElse(ClusterState.none(spec.name()));
            String stale = saved.staleBecause(recorded);
            if (stale != null) {
                throw new DriverException(stale + "; the saved plan was not applied", "make a new plan: kubik plan FILE --out PLAN.json");
            }
            Prepared prepared = prepareHealthy(spec, recorded);
            if (!prepared.plan().equals(saved.plan())) {
                throw new DriverException("what exists changed since the plan was made (a machine stopped, started or "
                        + "removed outside kubik); planned now, the steps would be:\n" + PlanRenderer.render(prepared.plan(), false)
                        + "the saved plan was not applied", "make a new plan: kubik plan FILE --out PLAN.json");
            }
            return execute(prepared, approve, parallelism);
        }
    }

    /** The plan against the refreshed state; the driver's health is asked meanwhile, and its error comes first. */
    private Prepared prepareHealthy(ClusterSpec spec, ClusterState recorded) {
        // Both wait on the driver's tool; nothing runs before the answer.
        CompletableFuture<Void> healthy = CompletableFuture.runAsync(
                () -> requireHealthy(spec.driver() != null ? spec.driver() : recorded.driver()));
        CompletableFuture.runAsync(events::ahead);
        try {
            return prepare(spec, refreshed(recorded));
        } finally {
            awaitHealthy(healthy);
        }
    }

    /** Shows the plan to {@code approve}, then runs it on the executor, recording every effect; holds no lock itself. */
    private Applied execute(Prepared prepared, Predicate<Plan> approve, int parallelism) {
        ClusterSpec spec = prepared.spec();
        ClusterState state = prepared.state();
        if (prepared.plan().isEmpty()) {
            store.save(spec);
            return new Applied(prepared, Executor.Outcome.NOTHING, false);
        }
        if (!approve.test(prepared.plan())) {
            return new Applied(prepared, null, true);
        }
        Driver previous = state.driver() == null ? prepared.driver() : driverNamed(state.driver());
        StateLedger ledger = new StateLedger(store, state.madeWith(spec.driver(), spec.kubernetes().runtime(),
                spec.kubernetes().bootstrapper(), spec.kubernetes().version()).nextSerial());
        try (NodeAccess nodes = new NodeAccess(spec.name(), store, connector)) {
            ClusterOperations operations = new ClusterOperations(spec, prepared.driver(), previous,
                    prepared.bootstrapper(), prepared.options(), ledger, nodes, access(), context);
            // The profile's key pair (a new cluster's is made here), sshj's and Jackson's first use
            // overlap the first steps (which wait on the driver's tool) instead of following them; not earlier: on
            // a small host they would slow what the user is waiting for.
            CompletableFuture.runAsync(nodes::publicKey)
                    .thenRun(() -> SshRunner.warmUp(store.dir(spec.name()).resolve(dev.kubik.engine.ssh.SshKeys.PRIVATE)));
            CompletableFuture.runAsync(dev.kubik.engine.state.Json::warmUp);
            Executor.Outcome outcome = new Executor(parallelism, stepDeadline).run(prepared.plan(), operations, events);
            if (outcome.ok()) store.save(spec);
            return new Applied(prepared, outcome, false);
        }
    }

    /**
     * A named driver that cannot work here stops the run before anything is planned or made, with its own status and
     * fix (a stopped docker daemon is "start it", not a network problem found half-way).
     */
    private static void requireHealthy(String driverName) {
        if (driverName == null) return; // auto-selection picks a healthy one
        Driver driver = driverNamed(driverName);
        DriverStatus status = driver.status();
        if (!status.healthy()) {
            throw new DriverException("the " + driver.name() + " driver cannot run here: " + status.error()
                    + "; nothing was changed", status.fix());
        }
    }

    /** An unhealthy driver's own error (with its fix) comes first: it explains whatever the planning met. */
    private static void awaitHealthy(CompletableFuture<Void> healthy) {
        try {
            healthy.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    KubernetesAccess access() {
        return new KubernetesAccess(store.home(), KubeconfigFile.fromEnvironment(), kubikVersion);
    }

    private Prepared prepare(ClusterSpec spec, ClusterState state) {
        ClusterSpec resolved = spec.driver() != null ? spec : spec.withDriver(chooseDriver(state));
        Driver driver = driverNamed(resolved.driver());
        if (!resolved.driver().equals(driver.name())) resolved = resolved.withDriver(driver.name()); // alias → name
        Bootstrapper bootstrapper = bootstrapperNamed(spec.kubernetes().bootstrapper());
        if (state.driver() != null) {
            state = withLeftovers(spec.name(), state, driverNamed(state.driver()), context);
        } else {
            // No state: lost, or never written. Machines the driver holds under this name must be dealt with;
            // a driver that cannot answer (no daemon) holds none that could collide, and a dry run still plans.
            try {
                state = withLeftovers(spec.name(), state, driver, context);
            } catch (DriverException unavailable) {
                events.info("could not ask the " + driver.name() + " driver for leftover machines: " + unavailable.getMessage());
            }
        }
        Map<String, Object> options = driver.options().withDefaults(spec.driverOptions());
        DriverTraits traits = new DriverTraits(driver.resizableInPlace(), options, bootstrapper.installsKubernetes(),
                driver.adoptsExistingHosts(), bootstrapper.capabilities().contains(dev.kubik.spi.Capability.UPGRADE));
        // Validation refuses these at the script's line; this is for specs that reach the engine another way.
        state.refusedUpgrades(resolved.driver(), resolved.kubernetes().runtime(), bootstrapper, resolved.kubernetes().version())
                .stream().findFirst().ifPresent(p -> {
                    throw new DriverException(p.message() + "; nothing was changed", p.fix());
                });
        return new Prepared(resolved, Planner.plan(resolved, state, traits), state, driver, bootstrapper, options);
    }

    /**
     * Every file the bootstrapper and runtime would write to each node of the script's cluster (node addresses not
     * yet known are {@code <ip of NODE>}); creates nothing and runs nothing.
     */
    public List<FilePreview.NodeFiles> render(ClusterSpec spec) {
        return FilePreview.of(spec, store.home().cache());
    }

    /** What kubik recorded of a cluster, for validation; a damaged record is reported by the run itself, not here. */
    public Optional<ClusterState> recorded(String profile) {
        try {
            return store.state(profile);
        } catch (StateFileException damaged) {
            return Optional.empty();
        }
    }

    /** An existing profile keeps its driver; a new one gets the best healthy driver of this host. */
    private String chooseDriver(ClusterState state) {
        if (state.driver() != null) return state.driver();
        DriverSelector.Selection selection = DriverSelector.select(Plugins.drivers());
        if (selection.chosen().isEmpty()) {
            StringBuilder why = new StringBuilder("no driver can run here:");
            for (DriverSelector.Candidate c : selection.candidates()) {
                why.append("\n  ").append(c.driver().name()).append(": ").append(c.status().error())
                        .append(c.status().fix() == null ? "" : " (fix: " + c.status().fix() + ")");
            }
            throw new DriverException(why.toString(), "install one of the drivers above, or name one: driver 'docker'");
        }
        Driver chosen = selection.chosen().get();
        StringBuilder note = new StringBuilder("using the " + chosen.name() + " driver (auto-selected)");
        selection.candidates().stream().filter(c -> c.driver() != chosen).forEach(c -> note.append("; ")
                .append(c.driver().name()).append(c.usable() ? " also works" : ": " + c.status().error()));
        events.info(note.toString());
        return chosen.name();
    }

    static Driver driverNamed(String name) {
        return Plugins.driver(name).orElseThrow(() -> new DriverException("driver '" + name + "' is not installed",
                "drivers here: " + String.join(", ", Plugins.drivers().stream().map(Driver::name).toList())));
    }

    static Bootstrapper bootstrapperNamed(String name) {
        return Plugins.bootstrapper(name).orElseThrow(() -> new DriverException("bootstrapper '" + name + "' is not installed", null));
    }

    /** The bootstrapper a recorded cluster was made with, if it recorded one and it is still installed. */
    static Optional<Bootstrapper> bootstrapperOf(ClusterState state) {
        return Optional.ofNullable(state.bootstrapper()).flatMap(Plugins::bootstrapper);
    }

    /**
     * The recorded state with each machine's state as its driver reports it now. Machines the driver holds that no
     * state mentions are added only when planning ({@link #withLeftovers}): stop, start and status act on kubik's
     * own machines.
     */
    private ClusterState refreshed(ClusterState recorded) {
        if (recorded.driver() == null) return recorded;
        Driver driver = driverNamed(recorded.driver());
        ClusterState state = recorded;
        for (MachineRecord checked : eachAtOnce(recorded.machines(), m -> m.withState(driver.state(m.ref(), context)))) {
            state = state.withMachine(checked);
        }
        return state;
    }

    /**
     * {@code question} asked of every item at the same time, the answers in the items' order. The questions block on
     * processes and sockets, so each gets a thread of its own (the common pool has one thread on a two-core host).
     */
    private static <T, R> List<R> eachAtOnce(List<T> items, java.util.function.Function<T, R> question) {
        if (items.size() < 2) return items.stream().map(question).toList();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(items.size(), r -> {
            Thread thread = new Thread(r, "kubik-ask");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<R>> answers = items.stream().map(i -> CompletableFuture.supplyAsync(() -> question.apply(i), threads)).toList();
            List<R> answered = new java.util.ArrayList<>();
            for (CompletableFuture<R> answer : answers) {
                try {
                    answered.add(answer.join());
                } catch (java.util.concurrent.CompletionException e) {
                    if (e.getCause() instanceof RuntimeException cause) throw cause;
                    throw e;
                }
            }
            return answered;
        } finally {
            threads.shutdown();
        }
    }

    /** Adds machines the driver holds for the profile that no state mentions, so the plan replaces or removes them. */
    static ClusterState withLeftovers(String profile, ClusterState state, Driver driver, DriverContext context) {
        for (String leftover : driver.machinesOf(profile, context)) {
            if (state.machine(leftover).isEmpty()) {
                state = state.withMachine(new MachineRecord(leftover, leftover, Role.WORKER, new Resources(0, 0, 0),
                        Map.of(), MachineState.ERROR, false, false));
            }
        }
        return state;
    }

    public Optional<ClusterState> state(String profile) {
        return store.state(profile).map(this::refreshed);
    }

    /** A running node's sshd answers a status question within this, or the question is dropped (see {@link #status}). */
    private static final Duration STATUS_CONNECT = Duration.ofSeconds(5);

    public List<NodeStatus> status(String profile) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        Driver driver = driverNamed(state.driver());
        Optional<Bootstrapper> bootstrapper = bootstrapperOf(state).filter(Bootstrapper::installsKubernetes);
        Optional<ClusterSpec> spec = store.spec(profile);
        // Each node's row is asked at once, and a running node's sshd has a few seconds to answer, not a boot's two
        // minutes: one stuck node holds the table up by that much, however many nodes there are.
        try (NodeAccess nodes = new NodeAccess(profile, store, connector, STATUS_CONNECT)) {
            return eachAtOnce(state.machines().stream().sorted(machineOrder(state)).toList(), m -> {
                boolean running = m.state() == MachineState.RUNNING;
                // Paused is the node's runtime's answer (minikube's status asks it too); a node that cannot say is not.
                boolean paused = running && m.joined() && bootstrapper.isPresent() && spec.isPresent() && askPaused(() ->
                        bootstrapper.get().paused(nodes.nodeContext(m.name(), m.role().keyword(), m::ref, driver,
                                spec.get().kubernetes(), context, state.controlPlaneCount())));
                return new NodeStatus(m.name(), m.role().keyword(), state.driver(), m.state(),
                        running ? driver.ip(m.ref(), context) : "", running ? driver.ssh(m.ref(), context).endpoint() : null,
                        m.resources(), m.joined() ? state.versionOf(m) : null, paused);
            });
        }
    }

    private static boolean askPaused(java.util.function.BooleanSupplier question) {
        try {
            return question.getAsBoolean();
        } catch (DriverException e) {
            return false;
        }
    }

    /** stop, start and delete: planned from the recorded state and run on the executor. */
    public ClusterLifecycle lifecycle() {
        return new ClusterLifecycle(this, store, events, context, connector);
    }

    /** For scripts' built-ins and tests: the lifecycle commands, throwing the failed step's error. */
    public void stop(String profile) {
        lifecycle().stop(profile);
    }

    public void start(String profile) {
        lifecycle().start(profile);
    }

    public void delete(String profile) {
        lifecycle().delete(profile);
    }

    /** The profile's etcd snapshots: saved, listed, removed and restored through its first control plane. */
    public dev.kubik.engine.snapshots.EtcdSnapshots snapshots() {
        return new dev.kubik.engine.snapshots.EtcdSnapshots(store::dir, new dev.kubik.engine.snapshots.EtcdSnapshots.OnPrimary() {
            @Override
            public <T> T run(String profile, dev.kubik.engine.snapshots.EtcdSnapshots.PrimaryWork<T> work) {
                return onPrimary(profile, work);
            }
        });
    }

    /** Runs {@code work} on the running cluster's first control plane, holding the profile's lock. */
    private <T> T onPrimary(String profile, dev.kubik.engine.snapshots.EtcdSnapshots.PrimaryWork<T> work) {
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(profile), profile, LOCK_TIMEOUT, events::info)) {
            ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
            Optional<Bootstrapper> bootstrapper = bootstrapperOf(state);
            Optional<ClusterSpec> spec = store.spec(profile);
            if (bootstrapper.isEmpty() || !bootstrapper.get().installsKubernetes() || !state.controlPlaneReady() || spec.isEmpty()) {
                throw new DriverException("cluster '" + profile + "' runs no Kubernetes control plane", "kubik run FILE makes it");
            }
            MachineRecord primary = machine(state, null);
            if (primary.state() != MachineState.RUNNING) {
                throw new DriverException(primary.name() + " is " + primary.state().displayName(), "kubik start -p " + profile);
            }
            Driver driver = driverNamed(state.driver());
            try (NodeAccess nodes = new NodeAccess(profile, store, connector)) {
                return work.apply(state, bootstrapper.get(), nodes.nodeContext(primary.name(), primary.role().keyword(),
                        primary::ref, driver, spec.get().kubernetes(), context,
                        state.controlPlaneCount()));
            }
        }
    }

    /**
     * {@code minikube pause} (or unpause, with {@code pause} false): every running node's Kubernetes frozen by its
     * bootstrapper, the machines kept running, under the profile's lock. Returns each machine's changed containers.
     */
    public java.util.SortedMap<String, List<String>> pause(String profile, boolean pause) {
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(profile), profile, LOCK_TIMEOUT, events::info)) {
            ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
            Optional<Bootstrapper> bootstrapper = bootstrapperOf(state);
            Optional<ClusterSpec> spec = store.spec(profile);
            if (bootstrapper.isEmpty() || !bootstrapper.get().installsKubernetes() || spec.isEmpty()) {
                throw new DriverException("cluster '" + profile + "' runs no Kubernetes to " + (pause ? "pause" : "unpause"),
                        "kubik stop " + profile + " stops its machines");
            }
            Driver driver = driverNamed(state.driver());
            java.util.SortedMap<String, List<String>> changed = new java.util.TreeMap<>();
            try (NodeAccess nodes = new NodeAccess(profile, store, connector)) {
                for (MachineRecord machine : state.machines()) {
                    if (machine.state() != MachineState.RUNNING) continue;
                    changed.put(machine.name(), bootstrapper.get().pause(nodes.nodeContext(machine.name(), machine.role().keyword(),
                            machine::ref, driver, spec.get().kubernetes(), context, state.controlPlaneCount()), pause));
                }
            }
            return changed;
        }
    }

    /** Loads an image archive or a host docker image into a node's runtime, or every node's when {@code node} is null. */
    public List<ImageLoader.Loaded> loadImage(String profile, String source, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        return new ImageLoader(store, events, context).load(profile, driverNamed(state.driver()), state, source, node);
    }

    /** The images in the nodes' runtimes (every node's, or {@code node}'s), each with the machines that hold it. */
    public java.util.SortedMap<String, List<String>> images(String profile, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        return new ImageLoader(store, events, context).list(profile, driverNamed(state.driver()), state, node);
    }

    /** Removes an image from the nodes' runtimes (every node's, or {@code node}'s); returns the machines it left. */
    public List<String> removeImage(String profile, String reference, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        return new ImageLoader(store, events, context).remove(profile, driverNamed(state.driver()), state, reference, node);
    }

    /** Runs a command on a node (by machine name or short name) and returns what it printed. */
    public CommandResult ssh(String profile, String node, List<String> argv, Duration timeout) {
        return onNode(profile, node, runner -> runner.run(argv, timeout));
    }

    /** As {@link #ssh(String, String, List, Duration)}, with {@code input} as the command's standard input. */
    public CommandResult ssh(String profile, String node, List<String> argv, java.io.InputStream input, Duration timeout) {
        return onNode(profile, node, runner -> runner.run(argv, input, timeout));
    }

    /** {@code work} with a connection to a node (by machine name or short name, the primary when null). */
    private <T> T onNode(String profile, String node, java.util.function.Function<CommandRunner, T> work) {
        ClusterState state = store.state(profile).orElseThrow(() -> noProfile(profile));
        MachineRecord machine = machine(state, node);
        try (NodeAccess nodes = new NodeAccess(profile, store, connector)) {
            Driver driver = driverNamed(state.driver());
            return work.apply(nodes.runner(machine.name(), () -> driver.ssh(machine.ref(), context)));
        }
    }

    /** What {@link #updateContext} found and did: the server the context points at, and what it pointed at before. */
    public record ContextUpdate(String server, Optional<String> before) {
        public boolean changed() {
            return before.map(b -> !b.equals(server)).orElse(true);
        }
    }

    /**
     * {@code minikube update-context}: points the profile's kubeconfig context at where its driver publishes the
     * API server now (a restarted container or VM may be elsewhere), writes the entry again if it was removed,
     * and makes it current.
     */
    public ContextUpdate updateContext(String profile) {
        ClusterState state = store.state(profile).orElseThrow(() -> noProfile(profile));
        ClusterSpec spec = store.spec(profile).orElseThrow(() -> noApiServer(profile, "so it has no kubeconfig context"));
        MachineRecord primary = runningApiServer(state, "so it has no kubeconfig context");
        Endpoint api = driverNamed(state.driver()).apiServerEndpoint(primary.ref(), context);
        KubernetesAccess access = access();
        Optional<String> before = access.server(profile);
        access.addContext(spec.withKeepContext(false), api);
        return new ContextUpdate("https://" + api.host() + ":" + api.port(), before);
    }

    /**
     * The cluster's Services as the host reaches them, through its API server and its first control plane;
     * close it to end the forwards it made.
     */
    public ClusterServices services(String profile) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        MachineRecord primary = runningApiServer(state, "so it has no services");
        Driver driver = driverNamed(state.driver());
        return new ClusterServices(profile, access().api(profile, driver.apiServerEndpoint(primary.ref(), context)), driver, primary,
                new NodeAccess(profile, store, connector), context);
    }

    /** The first control plane of a cluster whose API server runs there; else why not (the reason ends with {@code what}). */
    private MachineRecord runningApiServer(ClusterState state, String what) {
        Optional<Bootstrapper> bootstrapper = bootstrapperOf(state);
        if (bootstrapper.isEmpty() || !bootstrapper.get().installsKubernetes() || !state.controlPlaneReady()) {
            throw noApiServer(state.profile(), what);
        }
        return running(machine(state, null), state.profile());
    }

    /** The machine, which must be running for what is asked of it. */
    private static MachineRecord running(MachineRecord machine, String profile) {
        if (machine.state() != MachineState.RUNNING) {
            throw new DriverException(machine.name() + " is " + machine.state().displayName(), "kubik start " + profile);
        }
        return machine;
    }

    private static DriverException noApiServer(String profile, String what) {
        return new DriverException("cluster '" + profile + "' runs no Kubernetes API server, " + what,
                "a cluster with bootstrapper 'kubeadm' has one; kubik ssh and kubik ip reach this one's machines");
    }

    /** Where the host's docker client reaches a node's dockerd: DOCKER_HOST, and DOCKER_CERT_PATH for its TLS. */
    public record DockerEnv(String host, java.nio.file.Path certPath, String machine, boolean configured) {
    }

    /**
     * {@code minikube docker-env}: a node's dockerd (runtime 'docker') serving TLS on 2376 with kubik's CA, set up on
     * first use (dockerd restarted once), reached at the node's address; refused where the host does not route to the
     * nodes, or the runtime is not docker.
     */
    public DockerEnv dockerEnv(String profile, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        requireDockerRuntime(profile);
        MachineRecord machine = running(machine(state, node), profile);
        Driver driver = driverNamed(state.driver());
        Endpoint at = driver.directRoute(machine.ref(), NodeDockerd.PORT, context).orElseThrow(() -> new DriverException(
                "the host does not reach the nodes of '" + profile + "' (driver " + state.driver() + ") at their addresses, where DOCKER_HOST must point",
                "kubik ssh -n " + machine.shortName() + " -- docker … runs docker in the node"));
        ClusterCertificates.DockerTls tls = new ClusterCertificates(store.home()).docker(profile, machine.name(),
                java.util.Set.of(at.host(), "127.0.0.1", "localhost", machine.name()));
        boolean configured = onNode(profile, machine.name(), runner -> NodeDockerd.ensure(runner, machine.name(), tls));
        NodeDockerd.await(at, machine.name());
        return new DockerEnv("tcp://" + at.host() + ":" + at.port(), tls.clientDir(), machine.name(), configured);
    }

    /**
     * {@code minikube docker-env --ssh-host}: the login for docker's ssh:// host to a node's dockerd (runtime 'docker'),
     * which works wherever the host reaches the node's sshd, published port included; nothing on the node changes.
     */
    public Login dockerLogin(String profile, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        requireDockerRuntime(profile);
        return login(profile, running(machine(state, node), profile).name());
    }

    private void requireDockerRuntime(String profile) {
        String runtime = store.spec(profile).orElseThrow(() -> noProfile(profile)).kubernetes().runtime();
        if (!"docker".equals(runtime)) {
            throw new DriverException("cluster '" + profile + "' runs " + runtime + ", which has no docker daemon to point docker at",
                    "runtime 'docker' in the script's kubernetes { } block (kubik image load and kubik ssh reach " + runtime + ")");
        }
    }

    /**
     * The running nodes (every one, or {@code node}) whose dockerd the host's docker client can build in (minikube's
     * image build in the node): the runtime is docker and the host reaches each node at its address; else none.
     */
    public List<String> dockerdNodes(String profile, String node) {
        ClusterState state = state(profile).orElseThrow(() -> noProfile(profile));
        Optional<ClusterSpec> spec = store.spec(profile);
        if (spec.isEmpty() || !"docker".equals(spec.get().kubernetes().runtime())) return List.of();
        Driver driver = driverNamed(state.driver());
        List<MachineRecord> targets = node != null ? List.of(machine(state, node))
                : state.machines().stream().filter(m -> m.state() == MachineState.RUNNING).sorted(machineOrder(state)).toList();
        boolean reached = targets.stream().allMatch(m -> driver.directRoute(m.ref(), NodeDockerd.PORT, context).isPresent());
        return reached ? targets.stream().map(MachineRecord::name).toList() : List.of();
    }

    /** The kubectl for a cluster: its Kubernetes version's from kubik's cache, or none there (then the one on PATH). */
    public record Kubectl(String version, Optional<java.nio.file.Path> cached, String problem) {
    }

    /**
     * {@code minikube kubectl}: the kubectl of the cluster's own Kubernetes version, from kubik's cache
     * ({@code cache/OS/ARCH/VERSION/kubectl}, where the nodes' binaries for Linux are too), fetched into it when
     * missing; when that fails, none, with the reason, and the caller uses the one on PATH.
     */
    public Kubectl kubectl(String profile) {
        ClusterState state = store.state(profile).orElseThrow(() -> noProfile(profile));
        Optional<Bootstrapper> bootstrapper = bootstrapperOf(state);
        if (bootstrapper.isEmpty() || !bootstrapper.get().installsKubernetes()) {
            throw new DriverException("cluster '" + profile + "' runs no Kubernetes", "a cluster with bootstrapper 'kubeadm' has a kubectl context");
        }
        String version = state.kubernetesVersion();
        String os = switch (dev.kubik.spi.HostOs.current()) {
            case LINUX -> "linux";
            case MACOS -> "darwin";
            case WINDOWS -> "windows";
        };
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "amd64";
        String binary = os.equals("windows") ? "kubectl.exe" : "kubectl";
        String relative = os + "/" + arch + "/" + version + "/" + binary;
        java.nio.file.Path cached = store.home().cache().resolve(relative);
        if (java.nio.file.Files.isRegularFile(cached)) return new Kubectl(version, Optional.of(cached), null);
        try {
            java.nio.file.Path fetched = context.artifacts().fetch(
                    java.net.URI.create("https://dl.k8s.io/release/" + version + "/bin/" + os + "/" + arch + "/" + binary), relative, null);
            fetched.toFile().setExecutable(true);
            return new Kubectl(version, Optional.of(fetched), null);
        } catch (DriverException e) {
            return new Kubectl(version, Optional.empty(), e.getMessage());
        }
    }

    /** A node's address on the cluster network (by machine name or short name, the primary when null), as its driver says. */
    public String ip(String profile, String node) {
        ClusterState state = store.state(profile).orElseThrow(() -> noProfile(profile));
        return driverNamed(state.driver()).ip(machine(state, node).ref(), context);
    }

    /** What an interactive SSH client needs to log in to a node with its host key pinned. */
    public record Login(String user, Endpoint endpoint, java.nio.file.Path identity, String pinnedHostKey) {
    }

    /** The login of a node (by machine name or short name, the primary when null), for the system's ssh. */
    public Login login(String profile, String node) {
        ClusterState state = store.state(profile).orElseThrow(() -> noProfile(profile));
        MachineRecord machine = machine(state, node);
        SshAccess access = driverNamed(state.driver()).ssh(machine.ref(), context);
        java.nio.file.Path identity = access.identity() != null ? access.identity()
                : store.dir(profile).resolve(dev.kubik.engine.ssh.SshKeys.PRIVATE);
        return new Login(access.user(), access.endpoint(), identity, store.requireHostKey(profile, machine.name()));
    }

    /** The machine a user means by {@code -n}: its full name, its short name, or the primary when null. */
    public static MachineRecord machine(ClusterState state, String node) {
        if (node == null) {
            return state.machines().stream().filter(m -> m.role() == Role.CONTROL_PLANE)
                    .min(machineOrder(state)).or(() -> state.machines().stream().findFirst())
                    .orElseThrow(() -> new DriverException("profile '" + state.profile() + "' has no machines", "kubik run"));
        }
        return state.machines().stream().filter(m -> m.name().equals(node) || m.shortName().equals(node)).findFirst()
                .orElseThrow(() -> new DriverException("profile '" + state.profile() + "' has no node '" + node + "'",
                        "nodes: " + String.join(", ", state.machines().stream().map(MachineRecord::shortName).toList())));
    }

    /** The primary first, then control planes, then workers, each by name. */
    private static Comparator<MachineRecord> machineOrder(ClusterState state) {
        return Comparator.comparing((MachineRecord m) -> !m.name().equals(state.profile()))
                .thenComparing(m -> m.role() != Role.CONTROL_PLANE)
                .thenComparing(MachineRecord::name);
    }

    static DriverException noProfile(String profile) {
        return new DriverException("no cluster '" + profile + "'", "kubik profiles lists them; kubik run FILE creates one");
    }
}
