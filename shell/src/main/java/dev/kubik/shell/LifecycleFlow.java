package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.exec.Events;
import dev.kubik.plan.Plan;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How {@code kubik stop}, {@code start} and {@code delete} run: the plan shown (and only shown with --dry-run),
 * then applied on the executor with the same progress, JSON events and report as a script's plan.
 */
final class LifecycleFlow {
    private LifecycleFlow() {
    }

    /**
     * @param nothing what to say when there is nothing to do ("no running machines")
     * @param plans   the plans, for --dry-run
     * @param apply   runs them, showing each to the predicate first
     */
    static int run(Output output, boolean dryRun, String nothing, Supplier<List<Plan>> plans,
                   Function<Predicate<Plan>, List<ClusterService.Applied>> apply) {
        Events events = output.events();
        PlanPrinter printer = output.printer(events);
        if (dryRun) {
            List<Plan> planned = plans.get();
            if (planned.stream().allMatch(Plan::isEmpty)) events.info(nothing);
            planned.stream().filter(p -> !p.isEmpty()).forEach(printer::plan);
            return ExitCodes.OK;
        }
        List<ClusterService.Applied> applied = apply.apply(plan -> {
            printer.plan(plan);
            return true;
        });
        if (applied.stream().allMatch(a -> a.prepared().plan().isEmpty())) {
            events.info(nothing);
            return ExitCodes.OK;
        }
        for (ClusterService.Applied done : applied) {
            if (done.prepared().plan().isEmpty()) continue;
            int exit = RunCommand.report(done, events, printer, "run the command again");
            if (exit != ExitCodes.OK) return exit;
        }
        return ExitCodes.OK;
    }
}
