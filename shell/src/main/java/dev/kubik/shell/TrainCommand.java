package dev.kubik.shell;

import dev.kubik.dsl.lang.DslSession;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.KubikHome;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Loads the classes a typical run needs, touching nothing outside a temporary directory. The launcher runs it
 * once per build with {@code -XX:ArchiveClassesAtExit}, so every later kubik maps those classes from a
 * class-data-sharing archive instead of loading them from jars.
 */
@Command(name = "internal-train-cds", hidden = true)
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        KubikHome home = new KubikHome(Files.createTempDirectory("kubik-train"));
        ClusterService service = new ClusterService(home, new TextEvents(System.out, false));
        try {
            String script = "cluster('train') { driver 'docker'; cpus 1; memory '2g'; nodes 3\n"
                    + "  kubernetes { bootstrapper 'none'; podSubnet '10.244.0.0/16' }\n  options { image 'kubik/node:dev' } }";
            var result = new DslSession(SpecValidator.forThisHost(), "train", Map.of()).evaluate(new ScriptSource("train", script));
            var plan = service.plan(result.clusters().get(0).spec()).plan();
            PlanRenderer.render(plan, true);
            service.warmUp(plan);
            dev.kubik.shell.repl.Repl.warmUp(home);
            dev.kubik.shell.kernel.KubikKernel.warmUp();
            return ExitCodes.OK;
        } finally {
            service.purgeHome();
        }
    }
}
