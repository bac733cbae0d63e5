package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code kubik update-context}: the kubeconfig context pointed at where the API server is now, as minikube's. */
@Command(name = "update-context", description = "Points the cluster's kubeconfig context at its API server's current address and makes it current")
final class UpdateContextCommand implements Callable<Integer> {
    @Mixin
    ClusterArgument profile;

    @Override
    public Integer call() {
        String name = profile.orDefault();
        ClusterService.ContextUpdate update = Main.service().updateContext(name);
        System.out.println(update.changed()
                ? "Context '" + name + "' now points at " + update.server() + update.before().map(b -> " (was " + b + ")").orElse(" (it was missing)") + "."
                : "Context '" + name + "' already points at " + update.server() + ".");
        System.out.println("Current context is '" + name + "'.");
        return ExitCodes.OK;
    }
}
