package dev.kubik.engine.exec;

import dev.kubik.plan.MachineRecord;
import dev.kubik.plan.PlanStep;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.NodeContext;

/**
 * What the steps of {@code kubik stop}, {@code start} and {@code delete} do, from the recorded state alone: no
 * script is read. Every effect is recorded in the ledger as soon as it happened, as with a script's plan.
 */
public final class LifecycleOperations implements Executor.StepRunner {
    private final String profile;
    private final Driver driver;
    /** The bootstrapper and its settings from the last applied script; null when there are none (delete of leftovers). */
    private final Bootstrapper bootstrapper;
    private final KubernetesSpec kubernetes;
    private final StateLedger ledger;
    private final NodeAccess nodes;
    private final KubernetesAccess access;
    private final DriverContext context;

    public LifecycleOperations(String profile, Driver driver, Bootstrapper bootstrapper, KubernetesSpec kubernetes,
                               StateLedger ledger, NodeAccess nodes, KubernetesAccess access, DriverContext context) {
        this.profile = profile;
        this.driver = driver;
        this.bootstrapper = bootstrapper;
        this.kubernetes = kubernetes;
        this.ledger = ledger;
        this.nodes = nodes;
        this.access = access;
        this.context = DriverContexts.forRun(context);
    }

    @Override
    public void run(PlanStep step) {
        String name = step.target();
        switch (step.kind()) {
            case STOP -> {
                thaw(name);
                driver.stop(ref(name), context);
                nodes.drop(name);
                ledger.update(s -> s.withMachine(record(name).withState(driver.state(ref(name), context))));
            }
            case START -> {
                nodes.drop(name);
                MachineRef started = driver.start(ref(name), context);
                ledger.update(s -> s.withMachine(record(name).withState(MachineState.RUNNING).withDriverState(started.state())));
                driver.afterBoot(ref(name), runner(name), context);
            }
            case RUNTIME -> bootstrapper().prepareRuntime(node(name));
            case RESET -> {
                // A host that cannot be reset is said and released anyway: it must not keep the cluster alive.
                try {
                    bootstrapper().reset(node(name));
                } catch (DriverException e) {
                    context.reporter().warn("could not reset " + name + ": " + e.getMessage() + "; releasing it anyway");
                }
            }
            case MACHINE -> {
                thaw(name);
                driver.remove(ledger.get().machine(name).map(MachineRecord::ref).orElse(MachineRef.named(name)), context);
                ledger.update(s -> s.withoutMachine(name));
                nodes.forget(name);
            }
            case NETWORK -> {
                driver.removeNetwork(profile, context);
                ledger.update(s -> s.withNetworkReady(false));
            }
            case KUBECONFIG -> {
                try {
                    access.removeContext(profile);
                } catch (DriverException kubeconfig) { // a broken kubeconfig must not keep a deleted cluster's files
                    context.reporter().warn(kubeconfig.getMessage() + (kubeconfig.fix() == null ? "" : "; " + kubeconfig.fix()));
                }
            }
            default -> throw new IllegalStateException("not a lifecycle step: " + step.id());
        }
    }

    private Bootstrapper bootstrapper() {
        if (bootstrapper == null || kubernetes == null) {
            throw new DriverException("profile '" + profile + "' has no applied script to take its runtime settings from",
                    "run its script: kubik run FILE");
        }
        return bootstrapper;
    }

    /**
     * Containers kubik pause froze are resumed before their machine stops or goes: a frozen process cannot die,
     * and where the node shares the host's cgroup tree (cgroup v1) it would outlive the machine, frozen on the
     * host. Only where a bootstrapper runs Kubernetes on a running machine; a failure is said, not fatal.
     */
    private void thaw(String machine) {
        if (bootstrapper == null || kubernetes == null || !bootstrapper.installsKubernetes()) return;
        if (ledger.get().machine(machine).isEmpty()) return;
        try {
            if (driver.state(ref(machine), context) != MachineState.RUNNING) return; // the machine's word, not the record's
            bootstrapper.thaw(node(machine));
        } catch (RuntimeException e) {
            context.reporter().warn("could not resume paused containers on " + machine + ": " + e.getMessage());
        }
    }

    private NodeContext node(String machine) {
        return nodes.nodeContext(machine, record(machine).role().keyword(), () -> ref(machine), driver, kubernetes, context,
                ledger.get().controlPlaneCount());
    }

    private CommandRunner runner(String machine) {
        return nodes.runner(machine, driver, () -> ref(machine), context);
    }

    private MachineRef ref(String machine) {
        return record(machine).ref();
    }

    private MachineRecord record(String machine) {
        return ledger.get().machine(machine).orElseThrow(() -> new IllegalStateException("no record of machine " + machine));
    }
}
