package dev.kubik.engine;

import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.Executor;
import dev.kubik.engine.exec.LifecycleOperations;
import dev.kubik.engine.exec.NodeAccess;
import dev.kubik.engine.exec.StateLedger;
import dev.kubik.engine.state.CurrentProfile;
import dev.kubik.engine.state.ProfileLock;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.engine.state.StateFileException;
import dev.kubik.model.ClusterSpec;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.LifecyclePlanner;
import dev.kubik.plan.Plan;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code kubik stop}, {@code start} and {@code delete}: planned from the recorded state alone (no script), shown
 * (or only shown, with --dry-run), and run on the same executor as a script's plan, each under the profile's lock.
 */
public final class ClusterLifecycle {
    private final ClusterService service;
    private final ProfileStore store;
    private final Events events;
    private final DriverContext context;
    private final NodeAccess.Connector connector;

    ClusterLifecycle(ClusterService service, ProfileStore store, Events events, DriverContext context, NodeAccess.Connector connector) {
        this.service = service;
        this.store = store;
        this.events = events;
        this.context = context;
        this.connector = connector;
    }

    /** The plan of {@code kubik stop}: every running machine stopped, workers first. */
    public Plan planStop(String profile) {
        return LifecyclePlanner.stop(service.state(profile).orElseThrow(() -> ClusterService.noProfile(profile)));
    }

    /** The plan of {@code kubik start}: every stopped machine started, its runtime checked. */
    public Plan planStart(String profile) {
        return LifecyclePlanner.start(service.state(profile).orElseThrow(() -> ClusterService.noProfile(profile)));
    }

    /** The plans of {@code kubik delete}, one per driver holding machines of the profile (one, unless state is lost). */
    public List<Plan> planDelete(String profile) {
        return deletions(profile).stream().map(Deletion::plan).toList();
    }

    /** Stops every machine, workers first, on the executor; disks and state survive. {@code approve} sees the plan first. */
    public ClusterService.Applied stop(String profile, Predicate<Plan> approve, int parallelism) {
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(profile), profile, ClusterService.LOCK_TIMEOUT, events::info)) {
            ClusterState state = service.state(profile).orElseThrow(() -> ClusterService.noProfile(profile));
            return runLifecycle(state, LifecyclePlanner.stop(state), ClusterService.driverNamed(state.driver()), approve, parallelism);
        }
    }

    /** Starts a stopped profile's machines, each runtime answering again before its step ends. */
    public ClusterService.Applied start(String profile, Predicate<Plan> approve, int parallelism) {
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(profile), profile, ClusterService.LOCK_TIMEOUT, events::info)) {
            ClusterState state = service.state(profile).orElseThrow(() -> ClusterService.noProfile(profile));
            return runLifecycle(state, LifecyclePlanner.start(state), ClusterService.driverNamed(state.driver()), approve, parallelism);
        }
    }

    /**
     * Removes a profile's machines, network, kubeconfig entry and files, on the executor. Machines are found by
     * label as well as from state, so a profile whose state files are gone or damaged is still cleaned up. The
     * files go only when every step succeeded: a failed delete can be run again.
     */
    public List<ClusterService.Applied> delete(String profile, Predicate<Plan> approve, int parallelism) {
        List<ClusterService.Applied> applied = new ArrayList<>();
        boolean stateLost;
        try (ProfileLock ignored = ProfileLock.acquire(store.dir(profile), profile, ClusterService.LOCK_TIMEOUT, events::info)) {
            List<Deletion> deletions = deletions(profile);
            stateLost = deletions.stream().anyMatch(Deletion::stateLost);
            for (Deletion deletion : deletions) {
                ClusterService.Applied done = runLifecycle(deletion.state(), deletion.plan(), deletion.driver(), approve, parallelism);
                applied.add(done);
                if (!done.ok()) return applied;
            }
        }
        if (stateLost || !store.exists(profile)) {
            // No state says whether Kubernetes ran (lost, damaged, never written): an entry may be there all the same.
            try {
                service.access().removeContext(profile);
            } catch (DriverException kubeconfig) {
                events.warn(kubeconfig.getMessage() + (kubeconfig.fix() == null ? "" : "; " + kubeconfig.fix()));
            }
        }
        store.delete(profile);
        new CurrentProfile(store.home()).forget(profile);
        return applied;
    }

    /** Each of these throws the failed step's error, for callers that want an exception (scripts' built-ins). */
    void stop(String profile) {
        requireOk(List.of(stop(profile, plan -> true, 8)));
    }

    void start(String profile) {
        requireOk(List.of(start(profile, plan -> true, 8)));
    }

    void delete(String profile) {
        requireOk(delete(profile, plan -> true, 8));
    }

    private static void requireOk(List<ClusterService.Applied> applied) {
        for (ClusterService.Applied done : applied) {
            if (done.outcome() != null && !done.outcome().ok()) {
                Throwable error = done.outcome().error();
                if (error instanceof RuntimeException runtime) throw runtime;
                throw new DriverException(done.outcome().cancelled() ? "interrupted" : String.valueOf(error), null, error);
            }
        }
    }

    /**
     * What deleting a profile removes, per driver: from its state, plus any machines labelled for it.
     *
     * @param stateLost whether no readable state described the cluster (its machines were found by label)
     */
    private record Deletion(ClusterState state, Driver driver, Plan plan, boolean stateLost) {
    }

    private List<Deletion> deletions(String profile) {
        Optional<ClusterState> recorded;
        try {
            recorded = store.state(profile);
        } catch (StateFileException damaged) {
            // A damaged state file must not keep a cluster alive: its machines carry the profile's label.
            events.warn(damaged.getMessage() + "; removing the machines labelled for '" + profile + "' instead");
            recorded = Optional.empty();
        }
        List<Driver> drivers = recorded.map(s -> s.driver() == null ? Plugins.drivers() : List.of(ClusterService.driverNamed(s.driver())))
                .orElse(Plugins.drivers());
        List<Deletion> deletions = new ArrayList<>();
        for (Driver driver : drivers) {
            if (recorded.isEmpty() && !driver.status().healthy()) continue;
            ClusterState state = recorded.filter(s -> s.driver() != null).orElseGet(() -> ClusterState.none(profile)
                    .madeWith(driver.name(), null, null, null).withNetworkReady(!driver.adoptsExistingHosts()));
            state = ClusterService.withLeftovers(profile, state, driver, context);
            Optional<Bootstrapper> bootstrapper = ClusterService.bootstrapperOf(state);
            boolean kubernetes = bootstrapper.map(Bootstrapper::installsKubernetes).orElse(false);
            if (recorded.isEmpty() && state.machines().isEmpty()) continue;
            deletions.add(new Deletion(state, driver, LifecyclePlanner.destroy(state, driver.adoptsExistingHosts(), kubernetes),
                    recorded.isEmpty()));
        }
        return deletions;
    }

    /** A stop, start or delete plan shown to {@code approve}, then run on the executor, every effect recorded. */
    private ClusterService.Applied runLifecycle(ClusterState state, Plan plan, Driver driver, Predicate<Plan> approve, int parallelism) {
        Optional<Bootstrapper> bootstrapper = ClusterService.bootstrapperOf(state);
        Optional<ClusterSpec> spec = store.spec(state.profile());
        ClusterService.Prepared prepared = new ClusterService.Prepared(spec.orElse(null), plan, state, driver, bootstrapper.orElse(null), Map.of());
        if (plan.isEmpty()) return new ClusterService.Applied(prepared, Executor.Outcome.NOTHING, false);
        if (!approve.test(plan)) return new ClusterService.Applied(prepared, null, true);
        StateLedger ledger = new StateLedger(store, state.nextSerial());
        try (NodeAccess nodes = new NodeAccess(state.profile(), store, connector)) {
            LifecycleOperations operations = new LifecycleOperations(state.profile(), driver, bootstrapper.orElse(null),
                    spec.map(ClusterSpec::kubernetes).orElse(null), ledger, nodes, service.access(), context);
            return new ClusterService.Applied(prepared, new Executor(parallelism, service.stepDeadline()).run(plan, operations, events), false);
        }
    }
}
