package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code kubik start}: starts a stopped cluster's machines again. */
@Command(name = "start", description = "Starts a stopped cluster's machines and waits until their runtimes answer.")
final class StartCommand implements Callable<Integer> {
    @Mixin
    ProfileOption profile;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        new ClusterService(Main.home(), output.events()).start(profile.orDefault());
        return ExitCodes.OK;
    }
}
