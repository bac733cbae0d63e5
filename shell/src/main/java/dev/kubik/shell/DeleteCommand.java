package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code kubik delete}: removes clusters completely. */
@Command(name = "delete", description = "Removes a cluster: its machines, network and files. Finds its machines by label even without state.")
final class DeleteCommand implements Callable<Integer> {
    @Option(names = "--all", description = "every cluster")
    boolean all;

    @Option(names = "--purge", description = "also remove kubik's home directory (caches, keys, history)")
    boolean purge;

    @Mixin
    ClusterArgument profile;

    @Mixin
    Output output;

    @Option(names = "--dry-run", description = "print what would be removed, remove nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        ClusterService service = Main.service(output.events());
        List<String> targets = all ? service.profiles() : List.of(profile.orDefault());
        for (String target : targets) {
            int exit = LifecycleFlow.run(output, dryRun, "Nothing of cluster '" + target + "' exists.",
                    () -> service.lifecycle().planDelete(target), approve -> service.lifecycle().delete(target, approve, 8));
            if (exit != ExitCodes.OK) return exit;
            if (!dryRun) output.events().info("Deleted cluster '" + target + "'.");
        }
        if (dryRun) return ExitCodes.OK;
        if (purge) {
            service.purgeHome();
            output.events().info("Removed " + Main.home().root());
        }
        return ExitCodes.OK;
    }
}
