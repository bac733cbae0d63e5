package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.Executor;
import dev.kubik.plan.Plan;
import dev.kubik.spi.DriverException;

import java.util.stream.Collectors;

/**
 * How an apply ended, in the words and exit code every door uses: {@code kubik run}, {@code kubik apply},
 * {@code stop}/{@code start}/{@code delete}, the console and notebook cells.
 *
 * @param exit    the process exit code ({@link ExitCodes})
 * @param message what happened
 * @param fix     what to do next, or null
 */
public record ApplyReport(int exit, String message, String fix) {

    /** @param again how to continue after a failure or an interruption ("run 'kubik run FILE' again") */
    public static ApplyReport of(ClusterService.Applied applied, String again) {
        if (applied.declined()) return new ApplyReport(ExitCodes.FAILED, "Apply cancelled; nothing was changed.", null);
        Executor.Outcome outcome = applied.outcome();
        if (outcome.cancelled()) {
            return new ApplyReport(ExitCodes.INTERRUPTED,
                    "Interrupted: steps that had started finished, and the state records what exists.", again + " to finish");
        }
        if (!outcome.ok()) {
            String fixes = outcome.failures().stream().map(f -> f.error() instanceof DriverException d ? d.fix() : null)
                    .filter(java.util.Objects::nonNull).distinct().map(fix -> fix + "; then ").collect(Collectors.joining());
            String failed = outcome.failures().stream().map(f -> Events.title(f.step()) + " failed: " + f.error().getMessage())
                    .collect(Collectors.joining("\n"));
            return new ApplyReport(ExitCodes.FAILED, failed, fixes + again + ": it continues from what exists");
        }
        Plan plan = applied.prepared().plan();
        return new ApplyReport(ExitCodes.OK, plan.isEmpty() ? plan.summary() : "Apply complete! Resources: " + plan.toAdd()
                + " added, " + plan.toChange() + " changed, " + plan.toDestroy() + " destroyed.", null);
    }

    public boolean ok() {
        return exit == ExitCodes.OK;
    }

    /** For a console or a notebook cell: the message, and the fix on its own line. */
    public String text() {
        return message + (fix == null ? "" : "\n  fix: " + fix);
    }
}
