package dev.kubik.runtime;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.Reporter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A runtime's configuration on a node, kept in step with the settings: only files whose content differs are
 * written, registry files kubik wrote for earlier settings are removed, and the runtime restarts only when
 * something it reads at start changed. Then it must answer.
 */
public final class RuntimeFiles {
    public static final String CRICTL = "/etc/crictl.yaml";
    /** First line of every registry file kubik writes, so stale ones can be told from the user's own. */
    public static final String MARK = "# Written by kubik";

    private RuntimeFiles() {
    }

    /** Every file for the runtime and these settings, crictl's endpoint last, path to content. */
    public static Map<String, String> render(ContainerRuntime runtime, RuntimeSettings settings) {
        Map<String, String> files = new LinkedHashMap<>(runtime.files(settings));
        files.put(CRICTL, "runtime-endpoint: " + runtime.criSocket() + "\nimage-endpoint: " + runtime.criSocket() + "\n");
        return files;
    }

    /** Writes, prunes and restarts as needed, then waits for the runtime to answer. */
    public static void sync(NodeContext node, RuntimeSettings settings) {
        ContainerRuntime runtime = ContainerRuntimes.of(node.runtime());
        Reporter timings = node.reporter();
        Map<String, String> files = render(runtime, settings);
        Probe probe = timings.timed(node.name(), "runtime probe", () -> probe(node, runtime, files.keySet()));
        if (!probe.installed()) {
            // Before its files: the package brings the unit they restart, and files of its own.
            timings.timed(node.name(), "runtime install", () -> RuntimePackages.install(node, runtime));
            probe = probe(node, runtime, files.keySet());
        }
        Map<String, String> present = probe.checksums();
        boolean restart = timings.timed(node.name(), "runtime files", () -> write(node, runtime, files, present));
        if (restart) {
            timings.timed(node.name(), "runtime restart", () -> {
                for (String unit : runtime.restartOrder()) {
                    run(node, List.of("sudo", "systemctl", "restart", unit), Duration.ofMinutes(1), "restarting " + unit);
                }
            });
        }
        ContainerRuntimes.start(node);
    }

    /**
     * Writes the files whose content differs from {@code present} (path → sha256), removes registry files kubik
     * wrote for earlier settings, reloads systemd if a unit changed; returns whether the runtime must restart.
     */
    private static boolean write(NodeContext node, ContainerRuntime runtime, Map<String, String> files, Map<String, String> present) {
        boolean restart = false;
        boolean unitChanged = false;
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            if (sha256(content).equals(present.get(file.getKey()))) continue;
            node.runner().writeFile(file.getKey(), content, 0644);
            restart |= needsRestart(runtime, file.getKey());
            unitChanged |= file.getKey().startsWith("/etc/systemd/");
        }
        if (!runtime.prunable().isEmpty()) {
            List<String> removeStale = new ArrayList<>(List.of("sudo", "sh", "-c", "keep=\" $* \"; for f in "
                    + String.join(" ", runtime.prunable()) + "; do [ -f \"$f\" ] || continue; case \"$keep\" in *\" $f \"*) continue;; esac; "
                    + "head -n 1 \"$f\" | grep -q '^" + MARK + "' || continue; rm -f \"$f\" && echo \"$f\"; done", "sh"));
            removeStale.addAll(files.keySet());
            for (String removed : run(node, removeStale, Duration.ofSeconds(30), "removing stale registry mirrors").stdout().strip().lines().toList()) {
                restart |= needsRestart(runtime, removed);
            }
        }
        if (unitChanged) {
            run(node, List.of("sudo", "systemctl", "daemon-reload"), Duration.ofMinutes(1), "reloading systemd");
        }
        return restart;
    }

    /** What one round trip tells: the checksums of the files that exist, and whether the runtime is installed. */
    private record Probe(Map<String, String> checksums, boolean installed) {
    }

    private static final String MISSING = "kubik: runtime missing";

    private static Probe probe(NodeContext node, ContainerRuntime runtime, Collection<String> paths) {
        List<String> command = new ArrayList<>(List.of("sudo", "sh", "-c", "c=$1; shift; for f; do [ -f \"$f\" ] && sha256sum \"$f\"; done; "
                + RuntimePackages.INSTALLED_TEST + " || echo '" + MISSING + "'; true", "sh", RuntimePackages.command(runtime)));
        command.addAll(paths);
        Map<String, String> sums = new HashMap<>();
        boolean installed = true;
        for (String line : node.runner().run(command, Duration.ofSeconds(30)).stdout().lines().toList()) {
            if (line.equals(MISSING)) {
                installed = false;
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length == 2) sums.put(parts[1].strip(), parts[0]);
        }
        return new Probe(sums, installed);
    }

    private static boolean needsRestart(ContainerRuntime runtime, String path) {
        return !path.equals(CRICTL) && runtime.needsRestart(path); // crictl reads its file on every call
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandResult run(NodeContext node, List<String> argv, Duration timeout, String what) {
        CommandResult result = node.runner().run(argv, timeout);
        if (!result.ok()) {
            throw new DriverException(what + " on " + node.name() + " failed (exit " + result.exitStatus() + "): "
                    + result.stderr().strip(), null);
        }
        return result;
    }
}
