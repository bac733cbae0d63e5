package dev.kubik.engine;

import dev.kubik.engine.exec.Events;
import dev.kubik.engine.fakes.FakeWorld;
import dev.kubik.model.ClusterSpec;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.MachineRecord;
import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanStep;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.MachineState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine against an in-memory driver and bootstrapper (FakeDriver, FakeBootstrapper, found by ServiceLoader
 * from this module's test resources) and an in-memory node shell: the executor's failure, cancel and resume paths,
 * leftovers, start and stop, and the driver state handed back, in milliseconds. The real drivers' end-to-end specs
 * cover the same paths against docker and qemu.
 */
class EngineWithFakesTest {
    @TempDir
    Path home;
    final List<String> said = java.util.Collections.synchronizedList(new ArrayList<>());
    ClusterService service;

    @BeforeEach
    void setUp() {
        FakeWorld.reset();
        service = service();
    }

    ClusterService service() {
        return service(dev.kubik.engine.exec.StepDeadline.DEFAULT);
    }

    ClusterService service(Duration stepDeadline) {
        return new ClusterService(new KubikHome(home), new RecordingEvents(said), "test",
                (machine, endpoint, user, identity, pinned, timeout, answered) -> FakeWorld.shell(machine), stepDeadline);
    }

    static ClusterSpec spec(int nodes, String bootstrapper) {
        List<NodeSpec> specs = IntStream.range(0, nodes).mapToObj(i -> new NodeSpec(i == 0 ? "dev" : "dev-m0" + (i + 1),
                i == 0 ? "dev" : "m0" + (i + 1), i == 0 ? Role.CONTROL_PLANE : Role.WORKER, new Resources(2, 2048, 20480), Map.of())).toList();
        KubernetesSpec k8s = new KubernetesSpec(bootstrapper.equals("none") ? "" : "v1.34.0", "containerd", bootstrapper,
                "10.244.0.0/16", "10.96.0.0/12", "cluster.local", Map.of(), Map.of());
        return new ClusterSpec("dev", "fake", k8s, specs, List.of(), List.of(), List.of(), Map.of(), true);
    }

    ClusterService.Applied apply(ClusterSpec spec) {
        return service.apply(spec, plan -> true, 4);
    }

    static List<String> lines(Plan plan) {
        return plan.steps().stream().map(s -> s.action().symbol() + " " + s.id()).toList();
    }

    ClusterState state() {
        return service.store().state("dev").orElseThrow();
    }

    @Test
    void machinesAreMadeAndTheirDriverStateIsStoredAndHandedBack() {
        ClusterService.Applied applied = apply(spec(3, "none"));

        assertThat(applied.ok()).isTrue();
        assertThat(FakeWorld.MACHINES).containsOnlyKeys("dev", "dev-m02", "dev-m03");
        assertThat(state().machines()).allSatisfy(m -> {
            assertThat(m.driverState()).containsEntry("boots", "1").containsKey("index");
            assertThat(m.sshUser()).isEqualTo("docker");
            assertThat(m.runtimeReady()).isTrue();
        });
        // The host key the driver read is pinned: no first contact was needed.
        assertThat(service.store().requireHostKey("dev", "dev-m02")).startsWith("ssh-ed25519 ");
        // A later process (a new service) hands the stored state back on every call: the fake refuses stale state.
        List<ClusterService.NodeStatus> status = service().status("dev");
        assertThat(status).extracting(ClusterService.NodeStatus::ip).containsExactly("10.9.0.2", "10.9.0.3", "10.9.0.4");
        assertThat(FakeWorld.REFS).isNotEmpty().allSatisfy(ref -> assertThat(ref.state()).containsKey("boots"));
        assertThat(service().plan(spec(3, "none")).plan().isEmpty()).isTrue();
    }

    @Test
    void aFailedStepStartsNothingNewAndTheNextRunDoesOnlyWhatIsLeft() {
        FakeWorld.FAIL_CREATE.add("dev-m03");

        ClusterService.Applied failed = apply(spec(3, "none"));

        assertThat(failed.ok()).isFalse();
        assertThat(failed.outcome().failed().id()).isEqualTo("machine/dev-m03");
        assertThat(failed.outcome().error()).hasMessageContaining("the fake hypervisor refused dev-m03");
        // What finished is recorded; nothing was recorded for the machine that failed.
        assertThat(state().machines()).extracting(MachineRecord::name).doesNotContain("dev-m03");

        Plan rest = service.plan(spec(3, "none")).plan();
        assertThat(lines(rest)).contains("+ machine/dev-m03", "+ runtime/dev-m03").doesNotContain("+ machine/dev", "+ machine/dev-m02");
        assertThat(apply(spec(3, "none")).ok()).isTrue();
        assertThat(FakeWorld.calls("create")).containsExactlyInAnyOrder("create dev", "create dev-m02", "create dev-m03", "create dev-m03");
    }

    /** Every step that started ended exactly once, finished or failed. */
    void assertEveryStartedStepEndedOnce() {
        List<String> events = List.copyOf(said);
        for (String start : events.stream().filter(e -> e.startsWith("step ")).toList()) {
            String title = start.substring("step ".length());
            assertThat(events.stream().filter(e -> e.equals("done " + title) || e.equals("failed " + title)))
                    .as("the endings of " + title).hasSize(1);
        }
    }

    @Test
    void twoStepsThatFailInParallelAreBothReportedAndEveryStartedStepEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeWorld.HOLD_CREATE.put("dev-m02", release);
        FakeWorld.HOLD_CREATE.put("dev-m03", release);
        FakeWorld.CREATE_STARTED = new CountDownLatch(2);
        FakeWorld.FAIL_CREATE.addAll(List.of("dev-m02", "dev-m03"));
        CompletableFuture<ClusterService.Applied> run = CompletableFuture.supplyAsync(() -> apply(spec(3, "none")));
        assertThat(FakeWorld.CREATE_STARTED.await(10, TimeUnit.SECONDS)).isTrue(); // both in flight
        release.countDown();

        ClusterService.Applied failed = run.get(10, TimeUnit.SECONDS);

        assertThat(failed.ok()).isFalse();
        assertThat(failed.outcome().failures()).extracting(f -> f.step().id())
                .containsExactlyInAnyOrder("machine/dev-m02", "machine/dev-m03");
        assertThat(failed.outcome().failures()).allSatisfy(f -> assertThat(f.error()).hasMessageContaining("the fake hypervisor refused"));
        assertThat(said).contains("failed Creating machine dev-m02", "failed Creating machine dev-m03", "done Creating machine dev");
        assertEveryStartedStepEndedOnce();
    }

    @Test
    void aDriverCallThatNeverReturnsFailsItsStepAtTheDeadlineAndTheRunEnds() {
        FakeWorld.HANG.add("create dev-m02");
        service = service(Duration.ofSeconds(3));

        long start = System.nanoTime();
        ClusterService.Applied failed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> apply(spec(2, "none")));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failed.ok()).isFalse();
        assertThat(failed.outcome().failed().id()).isEqualTo("machine/dev-m02");
        assertThat(failed.outcome().error()).isInstanceOf(dev.kubik.engine.exec.StepTimeoutException.class)
                .hasMessageContaining("Creating machine dev-m02 did not finish within 3 s");
        assertThat(((dev.kubik.spi.DriverException) failed.outcome().error()).fix()).contains("KUBIK_STEP_TIMEOUT=6s");
        assertThat(tookMs).isGreaterThanOrEqualTo(3000).isLessThan(20_000);
        assertEveryStartedStepEndedOnce();
        // The machine that was made is recorded; the hung one is not, so the next run makes it again.
        assertThat(state().machines()).extracting(MachineRecord::name).containsExactly("dev");
    }

    @Test
    void aBootstrapperCallThatNeverReturnsFailsItsStepAtTheDeadlineToo() {
        FakeWorld.HANG.add("join dev-m02");
        service = service(Duration.ofSeconds(3));

        ClusterService.Applied failed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> apply(spec(2, "fake")));

        assertThat(failed.ok()).isFalse();
        assertThat(failed.outcome().failed().id()).isEqualTo("join/dev-m02");
        assertThat(failed.outcome().error()).hasMessageContaining("Joining dev-m02 did not finish within 3 s");
        assertEveryStartedStepEndedOnce();
    }

    @Test
    void cancellingLetsRunningStepsFinishStartsNoMoreAndTheNextRunResumes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeWorld.HOLD_CREATE.put("dev", release);
        FakeWorld.HOLD_CREATE.put("dev-m02", release);
        FakeWorld.CREATE_STARTED = new CountDownLatch(2); // both machines are being made when Ctrl-C comes
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<ClusterService.Applied> run = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            return apply(spec(2, "fake"));
        });
        assertThat(FakeWorld.CREATE_STARTED.await(10, TimeUnit.SECONDS)).isTrue();
        runner.get().interrupt(); // what Ctrl-C does to a run
        Thread.sleep(100);
        release.countDown();
        ClusterService.Applied cancelled = run.get(10, TimeUnit.SECONDS);

        assertThat(cancelled.outcome().cancelled()).isTrue();
        assertThat(cancelled.ok()).isFalse();
        // The machines being made when Ctrl-C came were finished and recorded; no step after them started.
        assertThat(state().machines()).extracting(MachineRecord::name).containsExactlyInAnyOrder("dev", "dev-m02");
        assertThat(FakeWorld.calls("runtime")).isEmpty();

        assertThat(lines(service.plan(spec(2, "fake")).plan())).containsExactly("+ runtime/dev", "+ binaries/dev", "+ certificates/dev",
                "+ control_plane/dev", "+ kubeconfig/dev", "+ runtime/dev-m02", "+ binaries/dev-m02", "+ join/dev-m02");
        assertThat(apply(spec(2, "fake")).ok()).isTrue();
        assertThat(FakeWorld.calls("create dev")).containsExactlyInAnyOrder("create dev", "create dev-m02");
        assertThat(FakeWorld.calls("runtime")).containsExactlyInAnyOrder("runtime dev", "runtime dev-m02");
    }

    @Test
    void machinesTheDriverHoldsThatNoStateMentionsAreRemovedOrReplaced() {
        // Left by a run killed before it recorded them (or state deleted by hand).
        FakeWorld.MACHINES.put("dev", new FakeWorld.Machine("dev", 0, MachineState.RUNNING, 1));
        FakeWorld.MACHINES.put("dev-m09", new FakeWorld.Machine("dev", 8, MachineState.RUNNING, 1));
        FakeWorld.MACHINES.put("other", new FakeWorld.Machine("other", 0, MachineState.RUNNING, 1));

        Plan plan = service.plan(spec(1, "none")).plan();

        assertThat(lines(plan)).contains("- machine/dev-m09", "-/+ machine/dev");
        assertThat(apply(spec(1, "none")).ok()).isTrue();
        assertThat(FakeWorld.MACHINES).containsOnlyKeys("dev", "other");
        assertThat(FakeWorld.calls("remove")).containsExactlyInAnyOrder("remove dev", "remove dev-m09");
    }

    @Test
    void stopAndStartGoThroughTheDriverWithItsStateAndAKilledMachineIsStartedByTheNextRun() {
        apply(spec(2, "none"));

        service.stop("dev");
        assertThat(FakeWorld.calls("stop")).containsExactly("stop dev-m02", "stop dev"); // workers first
        assertThat(state().machines()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MachineState.STOPPED));

        service.start("dev");
        // start returned new state (a second boot); it was stored, so the next call carries it.
        assertThat(state().machines()).allSatisfy(m -> assertThat(m.driverState()).containsEntry("boots", "2"));
        assertThat(service().status("dev")).allSatisfy(s -> assertThat(s.state()).isEqualTo(MachineState.RUNNING));

        FakeWorld.MACHINES.computeIfPresent("dev-m02", (k, m) -> new FakeWorld.Machine(m.cluster(), m.index(), MachineState.STOPPED, m.boots()));
        Plan repair = service.plan(spec(2, "none")).plan();
        assertThat(repair.steps()).extracting(PlanStep::id).contains("start/dev-m02");
        assertThat(apply(spec(2, "none")).ok()).isTrue();
        assertThat(state().machine("dev-m02").orElseThrow().driverState()).containsEntry("boots", "3");
    }

    /** What kubik plan --out writes: the plan, the cluster it makes, and the state it was planned from. */
    dev.kubik.plan.SavedPlan saved(ClusterSpec spec) {
        ClusterService.Prepared prepared = service().plan(spec);
        String json = dev.kubik.plan.PlanJson.writeSaved(new dev.kubik.plan.SavedPlan(dev.kubik.plan.SavedPlan.FORMAT, "test",
                prepared.state().lineage(), prepared.state().serial(), prepared.spec(), prepared.plan()));
        return dev.kubik.plan.PlanJson.readSaved(json);
    }

    @Test
    void aSavedPlanAppliesExactlyAndEachApplyMovesTheSerialOnOneLineage() {
        dev.kubik.plan.SavedPlan plan = saved(spec(2, "none"));
        assertThat(plan.lineage()).isNull();
        assertThat(lines(plan.plan())).startsWith("+ network/dev", "+ machine/dev");

        assertThat(service.applySaved(plan, p -> true, 4).ok()).isTrue();
        assertThat(FakeWorld.MACHINES).containsOnlyKeys("dev", "dev-m02");
        // Each machine is made as its step's values say, and recorded with them.
        for (String machine : List.of("dev", "dev-m02")) {
            var wanted = plan.plan().steps().stream().filter(s -> s.id().equals("machine/" + machine)).findFirst().orElseThrow().after();
            var asked = FakeWorld.CONFIGS.get(machine);
            assertThat(asked.role()).isEqualTo(wanted.role().keyword());
            assertThat(List.of(asked.cpus(), asked.memoryMiB(), asked.diskMiB()))
                    .isEqualTo(List.of(wanted.resources().cpus(), wanted.resources().memoryMiB(), wanted.resources().diskMiB()));
            assertThat(asked.apiServerPort()).isEqualTo(wanted.links().apiServerPort());
            assertThat(state().machine(machine).orElseThrow().links()).isEqualTo(wanted.links());
        }
        String lineage = state().lineage();
        assertThat(lineage).isNotBlank();
        assertThat(state().serial()).isEqualTo(1);

        // The same file again: the state moved on since it was made.
        assertThatThrownBy(() -> service.applySaved(plan, p -> true, 4))
                .hasMessageStartingWith("cluster 'dev' was created since the plan was made; the saved plan was not applied");

        dev.kubik.plan.SavedPlan grow = saved(spec(3, "none"));
        assertThat(apply(spec(2, "none")).prepared().plan().isEmpty()).isTrue(); // a no-op run changes no serial
        assertThat(state().serial()).isEqualTo(1);
        service.stop("dev");
        assertThat(state().serial()).isEqualTo(2);
        assertThatThrownBy(() -> service.applySaved(grow, p -> true, 4))
                .hasMessageContaining("changed since the plan was made (state serial 1 then, 2 now: another run, stop or start)");
        service.start("dev");
        assertThat(state().serial()).isEqualTo(3);
        assertThat(state().lineage()).isEqualTo(lineage);
        assertThat(FakeWorld.MACHINES).doesNotContainKey("dev-m03");
    }

    @Test
    void aSavedPlanIsRefusedWhenAMachineChangedOutsideKubikAndWhenTheClusterWasMadeAgain() {
        apply(spec(2, "none"));
        dev.kubik.plan.SavedPlan grow = saved(spec(3, "none"));

        FakeWorld.MACHINES.computeIfPresent("dev-m02", (k, m) -> new FakeWorld.Machine(m.cluster(), m.index(), MachineState.STOPPED, m.boots()));
        assertThatThrownBy(() -> service.applySaved(grow, p -> true, 4))
                .hasMessageContaining("what exists changed since the plan was made")
                .hasMessageContaining("dev-m02").hasMessageContaining("(stopped → running)");
        assertThat(FakeWorld.MACHINES).doesNotContainKey("dev-m03");

        service.delete("dev");
        apply(spec(2, "none"));
        assertThatThrownBy(() -> service.applySaved(grow, p -> true, 4)).hasMessageContaining("was deleted and made again since the plan was made");
    }

    @Test
    void stopStartAndDeleteArePlansOnTheExecutorAndPlanningThemChangesNothing() {
        apply(spec(3, "none"));

        Plan stop = service.lifecycle().planStop("dev");
        assertThat(lines(stop)).containsExactly("~ stop/dev-m02", "~ stop/dev-m03", "~ stop/dev");
        assertThat(stop.steps().get(2).dependsOn()).containsExactly("stop/dev-m02", "stop/dev-m03");
        List<Plan> delete = service.lifecycle().planDelete("dev");
        assertThat(delete).hasSize(1);
        assertThat(lines(delete.get(0))).containsExactly("- machine/dev", "- machine/dev-m02", "- machine/dev-m03", "- network/dev");
        assertThat(FakeWorld.calls("stop")).isEmpty();
        assertThat(FakeWorld.calls("remove")).isEmpty();
        assertThat(state().serial()).isEqualTo(1);

        List<Plan> shown = new ArrayList<>();
        assertThat(service.lifecycle().stop("dev", p -> shown.add(p), 4).ok()).isTrue();
        assertThat(shown).containsExactly(stop);
        assertThat(said).contains("step Stopping machine dev-m02", "step Stopping machine dev");
        assertThat(state().machines()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MachineState.STOPPED));
        assertThat(lines(service.lifecycle().planStart("dev"))).containsExactly("~ start/dev", "~ runtime/dev", "~ start/dev-m02", "~ runtime/dev-m02",
                "~ start/dev-m03", "~ runtime/dev-m03");
        assertThat(service.lifecycle().planStop("dev").isEmpty()).isTrue();

        // A failed start stops where it failed; the state says what runs; the next start does the rest.
        FakeWorld.FAIL_START.add("dev-m03");
        ClusterService.Applied failed = service.lifecycle().start("dev", p -> true, 4);
        assertThat(failed.ok()).isFalse();
        assertThat(state().machine("dev").orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        FakeWorld.FAIL_START.clear();
        assertThat(lines(service.lifecycle().planStart("dev"))).containsExactly("~ start/dev-m03", "~ runtime/dev-m03");
        assertThat(service.lifecycle().start("dev", p -> true, 4).ok()).isTrue();
        assertThat(service.lifecycle().planStart("dev").isEmpty()).isTrue();
    }

    @Test
    void kubernetesIsInitialisedOnThePrimaryWithThePkiThenWorkersJoinAndAFailedJoinIsAllTheNextRunRepeats() {
        FakeWorld.FAIL_JOIN.add("dev-m03");

        ClusterService.Applied failed = apply(spec(3, "fake"));

        assertThat(failed.outcome().failed().id()).isEqualTo("join/dev-m03");
        String init = FakeWorld.calls("init").get(0);
        assertThat(init).isEqualTo("init dev 10.9.0.2 certs:10"); // the client certificate is not the bootstrapper's
        assertThat(FakeWorld.CALLS.indexOf(init)).isLessThan(FakeWorld.CALLS.indexOf("join dev-m02 to dev"));
        // Each node's binaries are a step of their own, before its init or join, at the script's version.
        assertThat(FakeWorld.calls("binaries")).containsExactlyInAnyOrder("binaries dev v1.34.0", "binaries dev-m02 v1.34.0",
                "binaries dev-m03 v1.34.0");
        assertThat(FakeWorld.CALLS.indexOf("binaries dev v1.34.0")).isLessThan(FakeWorld.CALLS.indexOf(init));
        assertThat(FakeWorld.CALLS.indexOf("binaries dev-m02 v1.34.0")).isLessThan(FakeWorld.CALLS.indexOf("join dev-m02 to dev"));
        assertThat(state().controlPlaneReady()).isTrue();
        assertThat(state().machine("dev-m03").orElseThrow().joined()).isFalse();

        Plan rest = service.plan(spec(3, "fake")).plan();
        // The binaries step is planned again with the join: it finds them in the node and copies nothing.
        assertThat(lines(rest)).containsExactly("+ binaries/dev-m03", "+ join/dev-m03");
        assertThat(apply(spec(3, "fake")).ok()).isTrue();
        assertThat(FakeWorld.calls("init")).hasSize(1);
    }

    @Test
    void aRemovedWorkerIsDrainedAndResetBeforeItsMachineGoes() {
        apply(spec(3, "fake"));

        assertThat(apply(spec(2, "fake")).ok()).isTrue();

        int drain = FakeWorld.CALLS.indexOf("drain dev-m03");
        int reset = FakeWorld.CALLS.indexOf("reset dev-m03");
        int remove = FakeWorld.CALLS.indexOf("remove dev-m03");
        assertThat(drain).isPositive().isLessThan(reset);
        assertThat(reset).isLessThan(remove);
        assertThat(FakeWorld.MACHINES).containsOnlyKeys("dev", "dev-m02");
    }

    @Test
    void deleteRemovesRecordedAndLeftoverMachinesWithTheirStateAndTheNetwork() {
        apply(spec(2, "none"));
        FakeWorld.MACHINES.put("dev-m07", new FakeWorld.Machine("dev", 6, MachineState.RUNNING, 1));

        service.delete("dev");

        assertThat(FakeWorld.MACHINES).isEmpty();
        assertThat(FakeWorld.calls("remove-network")).containsExactly("remove-network dev");
        assertThat(service.store().state("dev")).isEmpty();
    }

    /** Events as lines, for the messages the engine says. */
    record RecordingEvents(List<String> said) implements Events {
        @Override
        public void info(String message) {
            said.add("info " + message);
        }

        @Override
        public void warn(String message) {
            said.add("warn " + message);
        }

        @Override
        public void stepStarted(int current, int total, PlanStep step) {
            said.add("step " + Events.title(step));
        }

        @Override
        public void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
            said.add("done " + Events.title(step));
        }

        @Override
        public void stepFailed(int current, int total, PlanStep step, Throwable error) {
            said.add("failed " + Events.title(step));
        }

        @Override
        public void error(String message, String advice, int exitCode) {
        }
    }
}
