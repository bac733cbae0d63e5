package dev.kubik.shell;

import dev.kubik.dsl.lang.DslSession;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.KubikHome;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
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
        Path home = Files.createTempDirectory("kubik-train");
        try {
            String script = "cluster('train') { driver 'docker'; cpus 1; memory '2g'; nodes 3\n"
                    + "  kubernetes { bootstrapper 'none'; podSubnet '10.244.0.0/16' }\n  options { image 'kubik/node:dev' } }";
            var result = new DslSession(SpecValidator.forThisHost(), "train", Map.of()).evaluate(new ScriptSource("train", script));
            var service = new ClusterService(new KubikHome(home), new TextEvents(System.out, false));
            var spec = result.clusters().get(0).spec();
            PlanRenderer.render(service.plan(spec).plan(), true);
            service.warmUp(spec);
            dev.kubik.shell.repl.Repl.warmUp(new KubikHome(home));
            dev.kubik.shell.kernel.KubikKernel.warmUp();
            return ExitCodes.OK;
        } finally {
            new ClusterService(new KubikHome(home), new TextEvents(System.out, false)).purgeHome();
        }
    }
}
