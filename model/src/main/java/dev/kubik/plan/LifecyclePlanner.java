package dev.kubik.plan;

import dev.kubik.model.Role;
import dev.kubik.spi.MachineState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plans of {@code kubik stop}, {@code start} and {@code delete}: made from the recorded state alone (no
 * script), shown with {@code --dry-run}, and run by the same executor as a script's plan.
 */
public final class LifecyclePlanner {
    private LifecyclePlanner() {
    }

    /** Running machines stopped, workers first (their pods' control plane stays up until they are down). */
    public static Plan stop(ClusterState state) {
        List<PlanStep> steps = new ArrayList<>();
        List<MachineRecord> running = state.machines().stream().filter(m -> m.state() == MachineState.RUNNING)
                .sorted(Comparator.comparing(MachineRecord::name)).toList();
        List<String> workers = new ArrayList<>();
        for (MachineRecord machine : running) {
            if (machine.role() == Role.CONTROL_PLANE) continue;
            workers.add(add(steps, StepKind.STOP, Action.UPDATE, machine.name(), "running → stopped", List.of(),
                    StepValues.state(MachineState.RUNNING), StepValues.state(MachineState.STOPPED)));
        }
        for (MachineRecord machine : running) {
            if (machine.role() != Role.CONTROL_PLANE) continue;
            add(steps, StepKind.STOP, Action.UPDATE, machine.name(), "running → stopped", workers,
                    StepValues.state(MachineState.RUNNING), StepValues.state(MachineState.STOPPED));
        }
        return new Plan(state.profile(), state.driver(), steps);
    }

    /**
     * Stopped machines started, each with its runtime checked (and configured again if it changed) once it
     * answers. A machine removed outside kubik cannot be started: a run of the script makes it again.
     */
    public static Plan start(ClusterState state) {
        List<PlanStep> steps = new ArrayList<>();
        for (MachineRecord machine : sorted(state)) {
            if (machine.state() == MachineState.RUNNING || machine.state() == MachineState.MISSING) continue;
            String started = add(steps, StepKind.START, Action.UPDATE, machine.name(),
                    machine.state().displayName() + " → running", List.of(), StepValues.state(machine.state()), StepValues.state(MachineState.RUNNING));
            if (machine.runtimeReady()) {
                add(steps, StepKind.RUNTIME, Action.UPDATE, machine.name(), "checked once the machine answers", List.of(started),
                        StepValues.mirrors(machine.registryMirrors()), StepValues.mirrors(machine.registryMirrors()));
            }
        }
        return new Plan(state.profile(), state.driver(), steps);
    }

    /**
     * Everything of the cluster removed: machines in parallel (an adopted host is reset first, as a run that
     * drops it does: the host stays), then the network, and the kubeconfig entry. The machines kubik made are
     * not drained: the whole cluster goes with them.
     *
     * @param adoptsHosts whether the driver's machines are hosts kubik adopted
     * @param kubernetes  whether the bootstrapper installed Kubernetes (resets, the kubeconfig entry)
     */
    public static Plan destroy(ClusterState state, boolean adoptsHosts, boolean kubernetes) {
        List<PlanStep> steps = new ArrayList<>();
        List<String> machines = new ArrayList<>();
        for (MachineRecord machine : sorted(state)) {
            List<String> after = List.of();
            // A stopped adopted host is still there (its kubelet is what stopped): it is reset all the same.
            if (adoptsHosts && kubernetes && machine.joined() && machine.state() != MachineState.MISSING) {
                after = List.of(add(steps, StepKind.RESET, Action.DELETE, machine.name(), "undo Kubernetes on the host before it is released",
                        List.of(), null, null));
            }
            machines.add(add(steps, StepKind.MACHINE, Action.DELETE, machine.name(),
                    adoptsHosts ? "release: the host stays" : "with its disk", after, StepValues.of(machine), null));
        }
        if (!adoptsHosts) add(steps, StepKind.NETWORK, Action.DELETE, state.profile(), "after its machines", machines, null, null);
        if (kubernetes && state.controlPlaneReady()) {
            add(steps, StepKind.KUBECONFIG, Action.DELETE, state.profile(), "cluster, user and context", List.of(), null, null);
        }
        return new Plan(state.profile(), state.driver(), steps);
    }

    /** The primary first, then control planes, then workers: the order users read machines in. */
    private static List<MachineRecord> sorted(ClusterState state) {
        return state.machines().stream().sorted(Comparator.comparing((MachineRecord m) -> !m.name().equals(state.profile()))
                .thenComparing(m -> m.role() != Role.CONTROL_PLANE).thenComparing(MachineRecord::name)).toList();
    }

    private static String add(List<PlanStep> steps, StepKind kind, Action action, String target, String reason, List<String> after,
                              StepValues before, StepValues afterValues) {
        String id = PlanStep.id(kind, target);
        steps.add(new PlanStep(id, action, kind, target, reason, after, before, afterValues));
        return id;
    }
}
