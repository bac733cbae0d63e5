package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.ssh.KnownHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kubik ssh-host}, as {@code minikube ssh-host}: a node's SSH host key as a known_hosts line, for the user's
 * own ssh tools (docker-env --ssh-host, podman, plain ssh). The key is the one kubik pinned when it made the node, not
 * one read off the network as minikube's ssh-keyscan does, so appending it trusts exactly the node kubik trusts.
 */
@Command(name = "ssh-host", description = "Prints a node's SSH host key as a known_hosts line: kubik ssh-host [-n NODE] [--append-known] [PROFILE]")
final class SshHostCommand implements Callable<Integer> {
    @Mixin
    NodeOption node;

    @Option(names = "--append-known", description = "add it to ~/.ssh/known_hosts (a stale key for the same address and port is replaced)")
    boolean appendKnown;

    @Mixin
    ClusterArgument profile;

    @Override
    public Integer call() {
        ClusterService.Login login = Main.service().login(profile.orDefault(), node.orPrimary());
        System.out.println(KnownHosts.line(login.endpoint(), login.pinnedHostKey()));
        if (appendKnown) {
            Path file = KnownHosts.userFile();
            KnownHosts.Added added = KnownHosts.add(file, login.endpoint(), login.pinnedHostKey());
            String name = KnownHosts.name(login.endpoint());
            System.err.println(!added.added() ? "kubik: " + file + " already holds this key for " + name
                    : "kubik: added " + name + " to " + file
                    + (added.replaced() > 0 ? " (" + added.replaced() + " other key" + (added.replaced() > 1 ? "s" : "") + " for it removed)" : ""));
        }
        return ExitCodes.OK;
    }
}
