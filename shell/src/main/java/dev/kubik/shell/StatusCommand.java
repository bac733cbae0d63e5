package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code kubik status}: a cluster's nodes as their driver sees them now. */
@Command(name = "status", description = "Shows a cluster's nodes: role, driver, state, address, SSH port, CPUs, memory.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClusterArgument profile;

    @Override
    public Integer call() {
        String target = profile.orDefault();
        List<ClusterService.NodeStatus> nodes = Main.service().status(target);
        // Machines kubik made have what the script gave them; adopted hosts what they have.
        // Each node's own Kubernetes: they differ while an upgrade is under way or stopped half-way.
        Table table = new Table("NODE", "ROLE", "DRIVER", "STATE", "IP", "SSH", "CPUS", "MEMORY", "KUBERNETES");
        for (ClusterService.NodeStatus node : nodes) {
            table.row(node.name(), node.role(), node.driver(), node.state().displayName(), node.ip(),
                    node.ssh() == null ? "" : node.ssh().toString(), String.valueOf(node.resources().cpus()),
                    node.resources().memoryMiB() + " MiB", node.kubernetesVersion() == null ? "-"
                            : node.kubernetesVersion() + (node.paused() ? ", paused" : ""));
        }
        System.out.print(table);
        return ExitCodes.OK;
    }
}
