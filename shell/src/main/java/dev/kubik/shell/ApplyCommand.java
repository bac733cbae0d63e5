package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.exec.Events;
import dev.kubik.plan.PlanJson;
import dev.kubik.plan.SavedPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kubik apply PLAN.json}: applies a plan {@code kubik plan --out} saved, and nothing else. Refused, with what
 * changed, when the cluster is no longer the one it was planned against, or the plan is another profile's or
 * another kubik's.
 */
@Command(name = "apply", description = "Applies a plan saved by kubik plan --out, exactly; refuses it when the cluster "
        + "changed since.", sortOptions = false)
final class ApplyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PLAN.json", description = "a plan saved by kubik plan FILE --out PLAN.json")
    Path file;

    @Option(names = {"-y", "--yes"}, description = "apply without asking, even when the plan destroys something")
    boolean yes;

    @Option(names = "--parallel", paramLabel = "N", description = "steps run at once (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int parallel;

    @Option(names = {"-p", "--profile"}, description = "the cluster the plan must be for (a plan names its own)")
    String profile;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        Events events = output.events();
        SavedPlan saved;
        try {
            saved = PlanJson.readSaved(Files.readString(file));
        } catch (IOException e) {
            events.error("cannot read " + file + ": " + e.getMessage(), null, ExitCodes.INVALID);
            return ExitCodes.INVALID;
        } catch (IllegalArgumentException e) {
            events.error(file + " is " + e.getMessage(), null, ExitCodes.INVALID);
            return ExitCodes.INVALID;
        }
        if (!saved.kubik().equals(Version.get())) {
            events.error(file + " was made by kubik " + saved.kubik() + "; this is kubik " + Version.get()
                    + ": its steps may mean other things here", "make a new plan with this kubik: kubik plan FILE --out PLAN.json", ExitCodes.INVALID);
            return ExitCodes.INVALID;
        }
        if (profile != null && !profile.equals(saved.profile())) {
            events.error(file + " is a plan for cluster '" + saved.profile() + "', not '" + profile + "'",
                    "kubik apply " + file + " -p " + saved.profile(), ExitCodes.INVALID);
            return ExitCodes.INVALID;
        }
        ClusterService service = Main.service(events);
        boolean terminal = System.console() != null;
        PlanPrinter printer = output.printer(events);
        ClusterService.Applied applied = service.applySaved(saved, plan -> RunCommand.approve(plan, printer, terminal, yes), parallel);
        return RunCommand.report(applied, events, printer, "plan and apply again (kubik plan FILE --out PLAN.json)");
    }
}
