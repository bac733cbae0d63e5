package dev.kubik.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code kubik ip}: a node's address, as {@code minikube ip} prints it (the address alone, for scripts). */
@Command(name = "ip", description = "Prints a node's address on the cluster network: kubik ip [-n NODE] [PROFILE]")
final class IpCommand implements Callable<Integer> {
    @Mixin
    NodeOption node;

    @Mixin
    ClusterArgument profile;

    @Override
    public Integer call() {
        System.out.println(Main.service().ip(profile.orDefault(), node.orPrimary()));
        return ExitCodes.OK;
    }
}
