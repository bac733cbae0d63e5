package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.ssh.KnownHosts;
import dev.kubik.spi.Endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's ssh into a node, for what must be a terminal or a stream (a shell, a followed journal): kubik's
 * key, and a known_hosts file holding only the pinned host key, so ssh refuses any other (never "accept all").
 */
final class SystemSsh {
    private SystemSsh() {
    }

    /**
     * Runs ssh to {@code login} until it exits; {@code remote} (null for a shell) is joined by ssh for the node's
     * shell, so it must hold fixed words only. Standard output goes to {@code out}; input and errors are the terminal's.
     */
    static int run(ClusterService.Login login, String remote, ProcessBuilder.Redirect out) throws IOException, InterruptedException {
        Endpoint endpoint = login.endpoint();
        Path knownHosts = Files.createTempFile("kubik-known-hosts", "");
        try {
            Files.writeString(knownHosts, KnownHosts.line(endpoint, login.pinnedHostKey()) + "\n");
            List<String> ssh = new ArrayList<>(List.of("ssh", "-i", login.identity().toString(),
                    "-p", String.valueOf(endpoint.port()), "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes",
                    login.user() + "@" + endpoint.host()));
            if (remote != null) ssh.add(remote);
            return new ProcessBuilder(ssh).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out).start().waitFor();
        } finally {
            Files.deleteIfExists(knownHosts);
        }
    }
}
