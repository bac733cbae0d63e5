package dev.kubik.shell;

import dev.kubik.plan.ClusterState;
import dev.kubik.engine.ClusterService;
import dev.kubik.spi.MachineState;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code kubik profiles}: every cluster kubik knows. */
@Command(name = "profiles", description = "Lists clusters: driver, nodes, how many run.")
final class ProfilesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ClusterService service = Main.service();
        Table table = new Table("PROFILE", "DRIVER", "RUNTIME", "BOOTSTRAPPER", "NODES", "RUNNING");
        String current = service.currentProfile().orElse(null);
        for (String profile : service.profiles()) {
            ClusterState state = service.recorded(profile).orElse(null);
            if (state == null) continue; // damaged: kubik status -p names what is wrong with it
            long running = state.machines().stream().filter(m -> m.state() == MachineState.RUNNING).count();
            table.row(profile.equals(current) ? profile + " *" : profile, state.driver(), state.runtime(), state.bootstrapper(), state.machines().size(), running);
        }
        System.out.print(table);
        return ExitCodes.OK;
    }
}
