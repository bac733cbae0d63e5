package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.spi.CommandResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kubik logs}: a node's journal for what runs a cluster, as {@code minikube logs} gathers it: the container
 * runtimes (containerd, docker and cri-docker, CRI-O), the kubelet and kubik's own units. {@code --follow}
 * streams through the system's ssh with the node's host key pinned, until interrupted.
 */
@Command(name = "logs", description = "Prints a node's journal for its container runtime, kubelet and kubik's units")
final class LogsCommand implements Callable<Integer> {
    /** Units a node may have; journalctl skips those it has not. */
    static final List<String> UNITS = List.of("containerd", "docker", "cri-docker", "crio", "kubelet", "kubik-*");

    @Mixin
    NodeOption node;

    @Option(names = "--file", paramLabel = "FILE", description = "write the logs to FILE instead of the terminal")
    Path file;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines (through the system's ssh)")
    boolean follow;

    @Option(names = "--length", paramLabel = "LINES", description = "the last LINES lines (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int length;

    @Mixin
    ClusterArgument profile;

    static List<String> journalctl(int length, boolean follow) {
        List<String> argv = new ArrayList<>(List.of("sudo", "journalctl", "--no-pager", "-o", "short-precise", "-n", String.valueOf(length)));
        UNITS.forEach(unit -> argv.addAll(List.of("-u", unit)));
        if (follow) argv.add("-f");
        return argv;
    }

    @Override
    public Integer call() throws Exception {
        ClusterService service = Main.service();
        if (follow) return followed(service);
        CommandResult result = service.ssh(profile.orDefault(), node.orPrimary(), journalctl(length, false), Duration.ofMinutes(2));
        if (file != null) Files.writeString(file, result.stdout(), StandardCharsets.UTF_8);
        else System.out.print(result.stdout());
        System.err.print(result.stderr());
        return result.exitStatus();
    }

    private int followed(ClusterService service) throws Exception {
        // ssh joins its words for the node's shell: fixed words and a number only, the unit glob quoted.
        String remote = String.join(" ", journalctl(length, true).stream().map(w -> w.contains("*") ? "'" + w + "'" : w).toList());
        return SystemSsh.run(service.login(profile.orDefault(), node.orPrimary()), remote,
                file != null ? ProcessBuilder.Redirect.appendTo(file.toFile()) : ProcessBuilder.Redirect.INHERIT);
    }
}
