package dev.kubik.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;

/**
 * {@code kubik pause} and {@code kubik unpause}, as minikube's: the cluster's Kubernetes frozen (each node's kubelet
 * stopped, the system pods' containers paused) to give its CPU back, the machines kept; unpause thaws it.
 */
final class PauseCommand {
    private PauseCommand() {
    }

    static int run(String profile, boolean pause) {
        SortedMap<String, List<String>> changed = Main.service().pause(profile, pause);
        changed.forEach((machine, containers) -> System.out.println((pause ? "Paused " : "Unpaused ") + containers.size()
                + " container" + (containers.size() == 1 ? "" : "s") + " on " + machine + "."));
        if (changed.isEmpty()) System.out.println("No machine of '" + profile + "' is running.");
        return ExitCodes.OK;
    }

    @Command(name = "pause", description = "Pauses the cluster's Kubernetes (kubelets stopped, system pods frozen); the machines keep running")
    static final class Pause implements Callable<Integer> {
        @Mixin
        ClusterArgument profile;

        @Override
        public Integer call() {
            return run(profile.orDefault(), true);
        }
    }

    @Command(name = "unpause", description = "Resumes a paused cluster's Kubernetes")
    static final class Unpause implements Callable<Integer> {
        @Mixin
        ClusterArgument profile;

        @Override
        public Integer call() {
            return run(profile.orDefault(), false);
        }
    }
}
