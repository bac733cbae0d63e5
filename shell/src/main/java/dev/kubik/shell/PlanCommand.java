package dev.kubik.shell;

import dev.kubik.dsl.lang.DslSession;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.plan.PlanJson;
import dev.kubik.plan.SavedPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik plan FILE [--out PLAN.json]}: the plan, against what exists, changing nothing; with {@code --out} also
 * saved, for {@code kubik apply} to apply exactly that later (a CI job plans, a person reviews, another job applies).
 */
@Command(name = "plan", description = "Shows what running a script would do, changing nothing; --out saves the plan "
        + "for kubik apply.", sortOptions = false)
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .kube.groovy script, or - to read it from standard input")
    String file;

    @Option(names = "--out", paramLabel = "PLAN.json", description = "also save the plan here (format: README, Saved plans)")
    Path out;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a value the script reads as vars.NAME (or NAME)")
    Map<String, String> vars = new LinkedHashMap<>();

    @Mixin
    ProfileOption profile;

    @Mixin
    Output output;

    @Mixin
    TrustOption trust = new TrustOption();

    @Override
    public Integer call() {
        var source = ScriptInput.read(file);
        Events events = output.events();
        ClusterService service = Main.service(events);
        DslSession.Result result = RunCommand.evaluate(source, service, events, profile, vars, trust, false);
        if (result == null) return ExitCodes.INVALID;
        if (out != null && result.clusters().size() != 1) {
            events.error("a saved plan holds one cluster; " + source.name() + " describes " + result.clusters().size(),
                    "one cluster per script, or plan without --out", ExitCodes.INVALID);
            return ExitCodes.INVALID;
        }
        PlanPrinter printer = output.printer(events);
        for (var cluster : result.clusters()) {
            ClusterService.Prepared prepared = service.plan(cluster.spec());
            printer.plan(prepared.plan());
            if (out != null) {
                SavedPlan saved = new SavedPlan(SavedPlan.FORMAT, Version.get(), prepared.state().lineage(),
                        prepared.state().serial(), prepared.spec(), prepared.plan());
                AtomicFiles.write(out.toAbsolutePath(), PlanJson.writeSaved(saved).getBytes(StandardCharsets.UTF_8));
                events.info("Saved the plan to " + out + "; apply exactly it with: kubik apply " + out);
            }
        }
        return ExitCodes.OK;
    }
}
