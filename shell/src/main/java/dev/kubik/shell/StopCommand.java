package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code kubik stop}: stops a cluster's machines, keeping their disks. */
@Command(name = "stop", description = "Stops a cluster's machines; their disks and kubik's state are kept.")
final class StopCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        new ClusterService(Main.home(), output.events()).stop(profile.orDefault());
        return ExitCodes.OK;
    }
}
