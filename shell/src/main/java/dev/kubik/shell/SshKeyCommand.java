package dev.kubik.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code kubik ssh-key}, as {@code minikube ssh-key}: the private key kubik logs in to a node with, for the user's
 * own ssh: {@code ssh -i $(kubik ssh-key) …}, with the host key from {@code kubik ssh-host --append-known}.
 */
@Command(name = "ssh-key", description = "Prints the path of the private key kubik logs in to a node with: kubik ssh-key [-n NODE] [PROFILE]")
final class SshKeyCommand implements Callable<Integer> {
    @Mixin
    NodeOption node;

    @Mixin
    ClusterArgument profile;

    @Override
    public Integer call() {
        System.out.println(Main.service().login(profile.orDefault(), node.orPrimary()).identity());
        return ExitCodes.OK;
    }
}
