package dev.kubik.driver.vfkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.driver.vmkit.DetachedProcess;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Pause;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * vmnet-helper (github.com/nirs/vmnet-helper), which puts vfkit VMs on macOS's shared vmnet network so they reach
 * each other (minikube#22513): found where minikube looks, started per VM with a socket vfkit connects to, its
 * first line of output a JSON object naming the MAC address vmnet gave the interface.
 */
final class VmnetHelper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(10);

    private VmnetHelper() {
    }

    /** The helper: on PATH, else where Homebrew and the helper's installer put it. */
    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) candidates.add(Path.of(dir, "vmnet-helper"));
            }
        }
        candidates.addAll(List.of(Path.of("/opt/homebrew/opt/vmnet-helper/libexec/vmnet-helper"),
                Path.of("/usr/local/opt/vmnet-helper/libexec/vmnet-helper"), Path.of("/opt/vmnet-helper/bin/vmnet-helper")));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts the machine's helper, detached like vfkit; returns the MAC vmnet assigned. */
    static String start(Path helper, VfkitFiles files, String machine) {
        try {
            Files.deleteIfExists(files.helperSocket());
            Files.deleteIfExists(files.helperLog());
            // A stable interface id keeps the MAC, and so the DHCP lease and address, across restarts.
            String interfaceId = UUID.nameUUIDFromBytes(("kubik-vmnet-" + machine).getBytes(StandardCharsets.UTF_8)).toString();
            long pid = DetachedProcess.spawn(List.of(helper.toString(), "--socket", files.helperSocket().toString(),
                    "--interface-id", interfaceId), Map.of(), files.helperLog());
            Files.writeString(files.helperPidFile(), pid + "\n");
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<String> first = Files.isRegularFile(files.helperLog())
                        ? Files.readAllLines(files.helperLog()).stream().filter(l -> l.strip().startsWith("{")).findFirst() : Optional.empty();
                if (first.isPresent()) {
                    Object mac = JSON.readValue(first.get(), Map.class).get("vmnet_mac_address");
                    if (mac == null) throw new DriverException("vmnet-helper named no vmnet_mac_address: " + first.get(), null);
                    return mac.toString();
                }
                if (!DetachedProcess.alive(pid)) break;
                Pause.millis(100);
            }
            throw new DriverException("vmnet-helper did not start for " + machine + ": " + Files.readString(files.helperLog()).strip(),
                    "check the helper: " + helper + " --help; it may need sudo rights (see its install notes)");
        } catch (IOException e) {
            throw new DriverException("cannot start vmnet-helper for " + machine + ": " + e.getMessage(), null, e);
        }
    }

    /** Terminates the helper and waits for it: it removes its socket on the way out, so the directory is settled after. */
    static void stop(VfkitFiles files) {
        VfkitFiles.pid(files.helperPidFile()).flatMap(ProcessHandle::of).ifPresent(helper -> {
            helper.destroy();
            if (!DetachedProcess.awaitExit(helper.pid(), STOP)) {
                helper.destroyForcibly();
                DetachedProcess.awaitExit(helper.pid(), STOP);
            }
        });
    }
}
