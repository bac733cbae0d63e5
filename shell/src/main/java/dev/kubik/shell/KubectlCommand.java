package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kubik kubectl -- ARGS}: kubectl on the cluster's context, as {@code minikube kubectl}: the kubectl of the
 * cluster's Kubernetes version from kubik's cache (fetched into it when missing), else the one on PATH, said so.
 * The arguments go to kubectl as they are, as a process's arguments (no shell).
 */
@Command(name = "kubectl", description = "Runs kubectl of the cluster's version on its context: kubik kubectl [-p PROFILE] -- get pods -A")
final class KubectlCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "kubectl's arguments, after --")
    List<String> args = new ArrayList<>();

    @Mixin
    ProfileOption profile;

    /** The kubectl to run: the cache's, else the one on PATH, said so. */
    static String binary(ClusterService.Kubectl kubectl) {
        if (kubectl.cached().isPresent()) return kubectl.cached().get().toString();
        System.err.println("kubik: no kubectl " + kubectl.version() + " in kubik's cache (" + kubectl.problem() + "); using kubectl from PATH");
        return "kubectl";
    }

    @Override
    public Integer call() throws Exception {
        String name = profile.orDefault();
        ClusterService.Kubectl kubectl = Main.service().kubectl(name);
        String binary = binary(kubectl);
        List<String> command = new ArrayList<>(List.of(binary, "--context", name));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new dev.kubik.spi.DriverException("cannot run " + binary + ": " + e.getMessage(),
                    "install kubectl, or put kubectl " + kubectl.version() + " where kubik's cache keeps it (KUBIK_MIRROR)");
        }
    }
}
