package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code kubik stop}: stops a cluster's machines, keeping their disks. */
@Command(name = "stop", description = "Stops a cluster's machines; their disks and kubik's state are kept.")
final class StopCommand implements Callable<Integer> {
    @Mixin
    ClusterArgument profile;

    @Mixin
    Output output;

    @picocli.CommandLine.Option(names = "--dry-run", description = "print the plan, stop nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        ClusterService service = Main.service(output.events());
        String target = profile.orDefault();
        return LifecycleFlow.run(output, dryRun, "Cluster '" + target + "' has no running machines; nothing to stop.",
                () -> java.util.List.of(service.lifecycle().planStop(target)),
                approve -> java.util.List.of(service.lifecycle().stop(target, approve, 8)));
    }
}
