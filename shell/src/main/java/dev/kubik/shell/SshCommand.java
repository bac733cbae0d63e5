package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.spi.CommandResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kubik ssh}: a command on a node (through kubik's own SSH client), or an interactive shell (through the
 * system's ssh, given kubik's key and a known_hosts file holding only the pinned key).
 */
@Command(name = "ssh", description = "Runs a command on a node, or opens a shell: kubik ssh [-n NODE] [-- COMMAND...]")
final class SshCommand implements Callable<Integer> {
    @Mixin
    NodeOption node;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "the command and its arguments, after --")
    List<String> command = new ArrayList<>();

    @Mixin
    ProfileOption profile;

    @Override
    public Integer call() throws Exception {
        ClusterService service = Main.service();
        if (!command.isEmpty()) {
            // As OpenSSH does: the words are joined and the node's shell runs them, so `kubik ssh -- 'a; b | c'` and
            // `kubik ssh -- ls -l /tmp` both mean what they mean at a prompt. The user typed this; scripts' values
            // never come here (their ssh() is quoted data).
            List<String> remote = List.of("sh", "-c", String.join(" ", command));
            // Standard input goes to the command as ssh sends it, unless it is the terminal (kubik ssh opens a
            // shell for that).
            CommandResult result = service.ssh(profile.orDefault(), node.orPrimary(), remote,
                    System.console() == null ? System.in : InputStream.nullInputStream(), Duration.ofHours(1));
            System.out.print(result.stdout());
            System.err.print(result.stderr());
            return result.exitStatus();
        }
        return interactive(service);
    }

    private int interactive(ClusterService service) throws IOException, InterruptedException {
        return SystemSsh.run(service.login(profile.orDefault(), node.orPrimary()), null, ProcessBuilder.Redirect.INHERIT);
    }
}
