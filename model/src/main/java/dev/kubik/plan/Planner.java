package dev.kubik.plan;

import dev.kubik.model.ClusterSpec;
import dev.kubik.model.NodeSpec;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.spi.ExistingHost;
import dev.kubik.spi.MachineState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compares the cluster a script wants with what exists, and lists the steps that make them match. Only what
 * differs is touched: one more node in the script plans that node and nothing else.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(ClusterSpec desired, ClusterState current, DriverTraits traits) {
        return new Planning(desired, current, traits).run();
    }

    private static final class Planning {
        private final ClusterSpec desired;
        private final ClusterState current;
        private final DriverTraits traits;
        private final List<PlanStep> steps = new ArrayList<>();
        /** Set when every machine must be rebuilt (driver, runtime, bootstrapper or version changed). */
        private final String rebuildReason;

        Planning(ClusterSpec desired, ClusterState current, DriverTraits traits) {
            this.desired = desired;
            this.current = current;
            this.traits = traits;
            this.rebuildReason = rebuildReason();
        }

        Plan run() {
            String network = network();
            String controlPlane = null;
            for (NodeSpec node : desired.nodes()) {
                boolean primary = node == desired.primary();
                String machine = machine(node, network);
                String runtime = runtime(node, machine);
                if (!traits.installsKubernetes()) continue;
                if (primary) {
                    controlPlane = controlPlane(node, machine, runtime);
                    if (controlPlane != null) kubeconfig(controlPlane);
                } else {
                    join(node, machine, runtime, controlPlane);
                }
            }
            if (traits.installsKubernetes()) certificates(controlPlane);
            String binaries = upgrades();
            removals(binaries);
            addons(controlPlane);
            return new Plan(desired.name(), desired.driver(), steps);
        }

        /**
         * The API server certificate names every control plane's address. A new cluster's first control plane
         * waits for the other control-plane machines so their addresses exist; a running cluster whose control
         * planes change gets its certificate made again, after the new machines exist.
         */
        private void certificates(String controlPlane) {
            List<String> wanted = desired.nodes().stream().filter(n -> n.role() == Role.CONTROL_PLANE)
                    .map(NodeSpec::name).sorted().toList();
            List<String> machinesOfWanted = wanted.stream().map(n -> PlanStep.id(StepKind.MACHINE, n))
                    .filter(id -> steps.stream().anyMatch(s -> s.id().equals(id) && s.action() != Action.DELETE)).toList();
            if (controlPlane != null) {
                // Made on the host before init, once every control-plane machine has its address.
                String made = PlanStep.id(StepKind.CERTIFICATES, desired.name());
                int init = steps.indexOf(steps.stream().filter(s -> s.id().equals(controlPlane)).findFirst().orElseThrow());
                // Listed before the init that waits for it: a plan's steps are in an order its dependencies allow.
                steps.add(init, new PlanStep(made, Action.CREATE, StepKind.CERTIFICATES, desired.name(),
                        "the cluster's CA and the API server's, made on the host, naming " + String.join(", ", wanted), machinesOfWanted));
                waitFor(step -> step.id().equals(controlPlane), List.of(made));
                return;
            }
            List<String> certified = current.certifiedControlPlanes().stream().sorted().toList();
            // Unknown (older state) or no control plane yet: nothing to compare with.
            if (!current.controlPlaneReady() || certified.isEmpty() || certified.equals(wanted)) return;
            List<String> changes = new ArrayList<>();
            wanted.stream().filter(n -> !certified.contains(n)).forEach(n -> changes.add("+ " + n));
            certified.stream().filter(n -> !wanted.contains(n)).forEach(n -> changes.add("- " + n));
            String certificate = add(PlanStep.id(StepKind.CERTIFICATES, desired.name()), Action.UPDATE, StepKind.CERTIFICATES,
                    desired.name(), "API server names change: " + String.join(", ", changes), machinesOfWanted);
            // The API server restarts with the new certificate: joins of new control planes wait rather than see it go.
            waitFor(step -> step.kind() == StepKind.JOIN && wanted.contains(step.target()), List.of(certificate));
        }

        /** Makes the planned steps that match also depend on {@code more} (steps are records: replaced). */
        private void waitFor(Predicate<PlanStep> which, List<String> more) {
            steps.replaceAll(step -> {
                if (!which.test(step)) return step;
                List<String> after = new ArrayList<>(step.dependsOn());
                more.stream().filter(id -> !after.contains(id)).forEach(after::add);
                return step.withDependsOn(after);
            });
        }

        private String rebuildReason() {
            // Nothing recorded (leftovers found by label have no driver, runtime or version to compare).
            if (!current.exists() || current.driver() == null) return null;
            if (!Objects.equals(current.driver(), desired.driver())) {
                return "driver " + current.driver() + " → " + desired.driver();
            }
            if (!Objects.equals(current.runtime(), desired.kubernetes().runtime())) {
                return "runtime " + current.runtime() + " → " + desired.kubernetes().runtime();
            }
            if (!Objects.equals(current.bootstrapper(), desired.kubernetes().bootstrapper())) {
                return "bootstrapper " + current.bootstrapper() + " → " + desired.kubernetes().bootstrapper();
            }
            if (traits.installsKubernetes() && !traits.upgradesInPlace()
                    && !Objects.equals(current.kubernetesVersion(), desired.kubernetes().version())) {
                return "Kubernetes " + current.kubernetesVersion() + " → " + desired.kubernetes().version()
                        + ": in-place upgrades are not supported yet";
            }
            return null;
        }

        private String network() {
            if (traits.adoptsHosts()) return null; // existing hosts have their own network
            String id = PlanStep.id(StepKind.NETWORK, desired.name());
            if (!current.networkReady()) {
                return add(id, Action.CREATE, StepKind.NETWORK, desired.name(), "shared by the cluster's machines", List.of());
            }
            if (rebuildReason != null && !Objects.equals(current.driver(), desired.driver())) {
                return add(id, Action.REPLACE, StepKind.NETWORK, desired.name(), rebuildReason, List.of());
            }
            return null;
        }

        /** The machine step for a node, or null when the machine is as wanted. Returns the step id. */
        private String machine(NodeSpec node, String network) {
            String id = PlanStep.id(StepKind.MACHINE, node.name());
            List<String> after = deps(network);
            Optional<MachineRecord> existing = current.machine(node.name());
            StepValues wanted = StepValues.machine(node.role(), node.resources(), HostLinks.of(desired, node));
            if (existing.isEmpty()) {
                return add(id, Action.CREATE, StepKind.MACHINE, node.name(), describe(node), after, null, wanted);
            }
            MachineRecord record = existing.get();
            if (record.state() == MachineState.MISSING) {
                return add(id, Action.CREATE, StepKind.MACHINE, node.name(), describe(node) + "; was removed outside kubik", after,
                        null, wanted);
            }
            String replace = replaceReason(node, record);
            if (replace != null) {
                return add(id, Action.REPLACE, StepKind.MACHINE, node.name(), replace, after, StepValues.of(record), wanted);
            }
            // An adopted host keeps its own size: what the record holds is what it has.
            List<String> resized = traits.adoptsHosts() ? List.of() : resourceChanges(node.resources(), record.resources());
            if (!resized.isEmpty()) {
                return add(id, Action.UPDATE, StepKind.MACHINE, node.name(), String.join(", ", resized), after,
                        StepValues.resources(record.resources()), StepValues.resources(node.resources()));
            }
            if (record.state() != MachineState.RUNNING) {
                return add(PlanStep.id(StepKind.START, node.name()), Action.UPDATE, StepKind.START, node.name(),
                        record.state().displayName() + " → running", after, StepValues.state(record.state()), StepValues.state(MachineState.RUNNING));
            }
            return null;
        }

        private String replaceReason(NodeSpec node, MachineRecord record) {
            if (rebuildReason != null) return rebuildReason;
            if (record.state() == MachineState.ERROR) return "in an unknown state (no kubik state for it, or broken)";
            if (record.role() != node.role()) return "role " + record.role() + " → " + node.role();
            if (!record.options().equals(traits.effectiveOptions())) {
                return "driver options changed: " + optionChanges(record.options(), traits.effectiveOptions());
            }
            // Folders and ports are fixed when a machine is made (a state without them is taken as it is).
            if (record.links() != null && !traits.adoptsHosts()) {
                String changed = record.links().changesTo(HostLinks.of(desired, node));
                if (!changed.isEmpty()) return changed + ": fixed when a machine is made";
            }
            if (traits.adoptsHosts()) {
                String was = record.driverState().get(ExistingHost.STATE_KEY);
                String now = node.host() == null ? null : node.host().endpoint().toString();
                return was != null && !was.equals(now) ? "host " + was + " → " + now : null;
            }
            List<String> fixed = new ArrayList<>();
            Resources want = node.resources();
            Resources have = record.resources();
            if (want.cpus() != have.cpus() && !traits.resizableInPlace().contains("cpus")) fixed.add("cpus");
            if (want.memoryMiB() != have.memoryMiB() && !traits.resizableInPlace().contains("memory")) fixed.add("memory");
            if (want.diskMiB() != have.diskMiB() && !traits.resizableInPlace().contains("disk")) fixed.add("disk");
            if (fixed.isEmpty()) return null;
            return String.join(", ", resourceChanges(want, have)) + ": the " + desired.driver()
                    + " driver cannot change " + String.join(" or ", fixed) + " in place";
        }

        private String runtime(NodeSpec node, String machine) {
            boolean fresh = machine != null && isNewOrReplaced(machine);
            Optional<MachineRecord> record = current.machine(node.name());
            boolean ready = record.map(MachineRecord::runtimeReady).orElse(false);
            boolean mirrorsChanged = ready && !record.get().registryMirrors().equals(desired.kubernetes().registryMirrors());
            if (!fresh && ready && !mirrorsChanged) return null;
            StepValues mirrors = StepValues.mirrors(desired.kubernetes().registryMirrors());
            if (!fresh && mirrorsChanged) {
                return add(PlanStep.id(StepKind.RUNTIME, node.name()), Action.UPDATE, StepKind.RUNTIME, node.name(),
                        "registry mirrors changed", deps(machine), StepValues.mirrors(record.get().registryMirrors()), mirrors);
            }
            return add(PlanStep.id(StepKind.RUNTIME, node.name()), Action.CREATE, StepKind.RUNTIME, node.name(),
                    desired.kubernetes().runtime() + (fresh ? "" : "; not ready after an earlier run"),
                    deps(machine), null, mirrors);
        }

        private String controlPlane(NodeSpec node, String machine, String runtime) {
            boolean fresh = machine != null && isNewOrReplaced(machine);
            if (!fresh && current.controlPlaneReady()) return null;
            List<String> after = new ArrayList<>(deps(runtime == null ? machine : runtime));
            after.add(binaries(node, machine));
            return add(PlanStep.id(StepKind.CONTROL_PLANE, node.name()), Action.CREATE, StepKind.CONTROL_PLANE, node.name(),
                    desired.kubernetes().bootstrapper() + " init, Kubernetes " + desired.kubernetes().version(),
                    after, null, StepValues.version(desired.kubernetes().version()));
        }

        /**
         * The Kubernetes binaries into a node about to be initialised or joined: a step of its own, run beside the
         * runtime's (it needs only the machine), so the plan shows the copy that takes the longest.
         */
        private String binaries(NodeSpec node, String machine) {
            String version = desired.kubernetes().version();
            String from = desired.kubernetes().binaries() == null ? "" : ", from " + desired.kubernetes().binaries();
            return add(PlanStep.id(StepKind.BINARIES, node.name()), Action.CREATE, StepKind.BINARIES, node.name(),
                    "Kubernetes " + version + from + ", into the node before " + desired.kubernetes().bootstrapper() + " runs",
                    deps(machine), null, StepValues.version(version));
        }

        /** The cluster's entry in the user's kubeconfig, once its API server answers. */
        private void kubeconfig(String controlPlane) {
            add(PlanStep.id(StepKind.KUBECONFIG, desired.name()), Action.CREATE, StepKind.KUBECONFIG, desired.name(),
                    "cluster, user and context" + (desired.keepContext() ? "; the current context stays" : "; made current"),
                    List.of(controlPlane));
        }

        private void join(NodeSpec node, String machine, String runtime, String controlPlane) {
            boolean fresh = machine != null && isNewOrReplaced(machine);
            boolean joined = current.machine(node.name()).map(MachineRecord::joined).orElse(false);
            if (!fresh && joined && controlPlane == null) return;
            List<String> after = new ArrayList<>(deps(runtime == null ? machine : runtime));
            after.add(binaries(node, machine));
            if (controlPlane != null) after.add(controlPlane);
            String reason = "as " + node.role() + (fresh || !joined ? "" : "; the control plane is new");
            add(PlanStep.id(StepKind.JOIN, node.name()), Action.CREATE, StepKind.JOIN, node.name(), reason, after,
                    null, StepValues.joining(node.role(), desired.kubernetes().version()));
        }

        /**
         * Joined nodes whose Kubernetes differs from the script's move to it in place, kubeadm's order: the new
         * binaries into every node first (nothing running changes), then the control planes one at a time (the
         * primary first: it upgrades the cluster), then the workers one at a time. Nodes a stopped run already
         * moved are left alone, so a second run continues where the first stopped. New nodes join once the
         * control planes run the new version (a kubelet may not be newer than its API server). Returns the
         * binaries step, or null.
         */
        private String upgrades() {
            if (!traits.installsKubernetes() || !traits.upgradesInPlace() || !current.controlPlaneReady()) return null;
            String target = desired.kubernetes().version();
            List<NodeSpec> order = new ArrayList<>(desired.nodes().stream().filter(n -> n.role() == Role.CONTROL_PLANE).toList());
            order.remove(desired.primary());
            order.add(0, desired.primary());
            order.addAll(desired.nodes().stream().filter(n -> n.role() != Role.CONTROL_PLANE).toList());
            Map<NodeSpec, String> moving = new LinkedHashMap<>();
            for (NodeSpec node : order) {
                Optional<MachineRecord> record = current.machine(node.name());
                if (record.isEmpty() || !record.get().joined() || isNewOrReplaced(PlanStep.id(StepKind.MACHINE, node.name()))) continue;
                String running = current.versionOf(record.get());
                if (running != null && !running.equals(target)) moving.put(node, running);
            }
            if (moving.isEmpty()) return null;
            // A stopped node is started before anything is put into it.
            List<String> started = moving.keySet().stream().map(n -> PlanStep.id(StepKind.START, n.name()))
                    .filter(id -> steps.stream().anyMatch(s -> s.id().equals(id))).toList();
            String binaries = add(PlanStep.id(StepKind.BINARIES, target), Action.CREATE, StepKind.BINARIES, target,
                    "into every node that moves to it, before anything changes", started, null, StepValues.version(target));
            String previous = binaries;
            String lastControlPlane = null;
            for (Map.Entry<NodeSpec, String> node : moving.entrySet()) {
                boolean primary = node.getKey() == desired.primary();
                previous = add(PlanStep.id(StepKind.UPGRADE, node.getKey().name()), Action.UPDATE, StepKind.UPGRADE,
                        node.getKey().name(), node.getValue() + " → " + target + (primary ? "; upgrades the cluster first" : ""),
                        List.of(previous), StepValues.version(node.getValue()), StepValues.version(target));
                if (node.getKey().role() == Role.CONTROL_PLANE) lastControlPlane = previous;
            }
            if (lastControlPlane != null) waitFor(step -> step.kind() == StepKind.JOIN, List.of(lastControlPlane));
            return binaries;
        }

        private void removals(String binaries) {
            for (MachineRecord record : current.machines()) {
                boolean wanted = desired.nodes().stream().anyMatch(n -> n.name().equals(record.name()));
                if (wanted) continue;
                List<String> after = List.of();
                if (traits.installsKubernetes() && current.controlPlaneReady() && record.joined()
                        && record.state() == MachineState.RUNNING) {
                    // Draining uses the control plane's kubectl of the script's version: after it is in place.
                    String drain = add(PlanStep.id(StepKind.DRAIN, record.name()), Action.DELETE, StepKind.DRAIN,
                            record.name(), "before its machine is removed", deps(binaries));
                    after = List.of(add(PlanStep.id(StepKind.RESET, record.name()), Action.DELETE, StepKind.RESET,
                            record.name(), desired.kubernetes().bootstrapper() + " reset on the node, once drained", List.of(drain)));
                }
                add(PlanStep.id(StepKind.MACHINE, record.name()), Action.DELETE, StepKind.MACHINE, record.name(),
                        traits.adoptsHosts() ? "no longer in the script; release: reset, host left running" : "no longer in the script", after,
                        StepValues.of(record), null);
            }
        }

        private void addons(String controlPlane) {
            for (String addon : desired.addons()) {
                if (current.addons().contains(addon) && controlPlane == null) continue;
                add(PlanStep.id(StepKind.ADDON, addon), Action.CREATE, StepKind.ADDON, addon, "enable", deps(controlPlane));
            }
            for (String addon : current.addons()) {
                if (!desired.addons().contains(addon)) {
                    add(PlanStep.id(StepKind.ADDON, addon), Action.DELETE, StepKind.ADDON, addon, "no longer in the script", List.of());
                }
            }
        }

        private boolean isNewOrReplaced(String stepId) {
            return steps.stream().anyMatch(s -> s.id().equals(stepId)
                    && (s.action() == Action.CREATE || s.action() == Action.REPLACE));
        }

        private String add(String id, Action action, StepKind kind, String target, String reason, List<String> after) {
            return add(id, action, kind, target, reason, after, null, null);
        }

        /** A step with its values: what its resource starts from and what the step leaves. Returns its id. */
        private String add(String id, Action action, StepKind kind, String target, String reason, List<String> after,
                           StepValues before, StepValues afterValues) {
            steps.add(new PlanStep(id, action, kind, target, reason, after, before, afterValues));
            return id;
        }

        private static List<String> deps(String stepId) {
            return stepId == null ? List.of() : List.of(stepId);
        }

        private static String describe(NodeSpec node) {
            if (node.host() != null) {
                return node.role() + ", adopt " + node.host().user() + "@" + node.host().endpoint();
            }
            Resources r = node.resources();
            return node.role() + ", " + r.cpus() + (r.cpus() == 1 ? " CPU, " : " CPUs, ") + r.memoryMiB() + " MiB memory, " + r.diskMiB() + " MiB disk";
        }

        private static List<String> resourceChanges(Resources want, Resources have) {
            List<String> changes = new ArrayList<>();
            if (want.cpus() != have.cpus()) changes.add("cpus " + have.cpus() + " → " + want.cpus());
            if (want.memoryMiB() != have.memoryMiB()) changes.add("memory " + have.memoryMiB() + " → " + want.memoryMiB() + " MiB");
            if (want.diskMiB() != have.diskMiB()) changes.add("disk " + have.diskMiB() + " → " + want.diskMiB() + " MiB");
            return changes;
        }

        private static String optionChanges(Map<String, Object> before, Map<String, Object> after) {
            Map<String, String> changes = new LinkedHashMap<>();
            after.forEach((k, v) -> {
                if (!Objects.equals(before.get(k), v)) changes.put(k, before.get(k) + " → " + v);
            });
            before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> changes.put(k, before.get(k) + " → (unset)"));
            return changes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }
}
