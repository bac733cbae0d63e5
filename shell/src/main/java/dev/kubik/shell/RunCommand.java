package dev.kubik.shell;

import dev.kubik.dsl.lang.BoundCluster;
import dev.kubik.dsl.lang.DslSession;
import dev.kubik.plan.Plan;
import dev.kubik.dsl.source.ScriptProblemsException;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.JsonEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kubik run FILE}: validate, plan, show the plan, apply it. */
@Command(name = "run", description = "Makes the clusters a script describes exist: validates, plans, shows the plan, applies it.",
        sortOptions = false)
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .kube.groovy script, or - to read it from standard input")
    String file;

    @Option(names = "--dry-run", description = "validate and print the plan against the current state; change nothing")
    boolean dryRun;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "a value the script reads as vars.NAME (or NAME)")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = {"-y", "--yes"}, description = "apply without asking, even when the plan destroys something")
    boolean yes;

    @Option(names = "--parallel", paramLabel = "N", description = "steps run at once (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int parallel;

    @Mixin
    ProfileOption profile;

    @Mixin
    Output output;

    @Mixin
    TrustOption trust = new TrustOption();

    @Override
    public Integer call() {
        return run(ScriptInput.read(file));
    }

    /** Validates, plans and applies a script; {@code kubik start} with flags comes here with the script it built. */
    int run(ScriptSource source) {
        Events events = output.events();
        ClusterService service = Main.service(events);
        DslSession.Result result = evaluate(source, service, events, profile, vars, trust, !dryRun);
        if (result == null) return ExitCodes.INVALID;
        if (result.clusters().isEmpty()) {
            // A script of built-in calls only (stop('dev'), ssh(...)) is fine; it just has nothing to plan.
            events.info(source.name() + " describes no cluster; nothing to plan.");
            return ExitCodes.OK;
        }
        boolean terminal = System.console() != null;
        PlanPrinter printer = output.printer(events);
        for (BoundCluster cluster : result.clusters()) {
            if (dryRun) {
                printer.plan(service.plan(cluster.spec()).plan());
                continue;
            }
            ClusterService.Applied applied = service.apply(cluster.spec(), plan -> approve(plan, printer, terminal, yes), parallel);
            int exit = report(applied, events, printer, "run 'kubik run " + source.name() + "' again");
            if (exit != ExitCodes.OK) return exit;
        }
        return ExitCodes.OK;
    }

    /**
     * The script evaluated, with the built-ins installed and validated against what kubik recorded; null when it is
     * invalid (its problems are printed, or emitted as events with --output json).
     */
    static DslSession.Result evaluate(ScriptSource source, ClusterService service, Events events, ProfileOption profile,
                                      Map<String, String> vars, TrustOption trust, boolean applying) {
        try {
            DslSession session = new DslSession(SpecValidator.forThisHost().against(service::recorded), profile.forScript(), vars)
                    .trusting(trust.trusts(source));
            Builtins.install(session, service, System.out, System.err, applying);
            return session.evaluate(source);
        } catch (ScriptProblemsException e) {
            if (events instanceof JsonEvents) {
                e.problems().forEach(p -> events.error(p.at() + ": " + p.message(), p.valid(), ExitCodes.INVALID));
            } else {
                System.err.print(e.render());
            }
            return null;
        }
    }

    /** How an apply ended, said once for run and apply alike; the exit code. */
    static int report(ClusterService.Applied applied, Events events, PlanPrinter printer, String again) {
        ApplyReport report = ApplyReport.of(applied, again);
        if (report.ok()) {
            printer.applied(report.message(), applied.prepared().plan().profile());
        } else if (applied.declined()) {
            events.info(report.message());
        } else {
            events.error(report.message(), report.fix(), report.exit());
            if (Main.debug && applied.outcome().error() != null) applied.outcome().error().printStackTrace();
        }
        return report.exit();
    }

    /** Shows the plan; asks before destroying anything when a person is there to answer. */
    static boolean approve(Plan plan, PlanPrinter printer, boolean terminal, boolean yes) {
        printer.plan(plan);
        if (!plan.destroysAnything() || yes || !terminal) return true;
        System.out.print("\nThis plan destroys machines. Apply it? Only 'yes' will be accepted: ");
        System.out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return "yes".equals(answer == null ? null : answer.strip());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
