package dev.kubik.driver.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which accelerator qemu uses: KVM on Linux, HVF on macOS, TCG (emulation) otherwise. An accelerator that is there
 * can still fail every real guest: on nested hosts /dev/kvm opens, a paused machine resumes and reports "running",
 * SeaBIOS and real-mode code run, and then the 64-bit kernel hangs before its first line (or qemu aborts setting
 * an MSR of {@code -cpu host}). So the probe boots the node's own kernel with the CPU model the node gets, no
 * initrd and no disk, and waits for the line only the running 64-bit kernel prints ("Linux version"; under TCG
 * about 2 s here, so 10 s is room to spare). Without it within the deadline, TCG, and kubik says why. The verdict is kept for the
 * host's boot ({@code /proc/sys/kernel/random/boot_id}), so later runs do not pay for a hanging probe again.
 */
final class Accelerator {
    static final Duration PROBE_DEADLINE = Duration.ofSeconds(10);
    /** What the decompressed kernel prints first through earlyprintk: real-mode setup code prints before it. */
    static final String KERNEL_RUNS = "Linux version";

    record Choice(String accel, String why) {
    }

    /** What a probe saw: whether the kernel ran, and else why not in a few words. */
    record Verdict(boolean runs, String why) {
    }

    private static final Map<String, Choice> CHOSEN = new ConcurrentHashMap<>();

    private Accelerator() {
    }

    /**
     * @param kernel the node's kernel, which the probe boots
     * @param memo   where verdicts are kept for this host's boot (the driver's directory)
     */
    static Choice choose(String option, String qemu, Path kernel, Path memo) {
        if (!option.equals("auto")) return new Choice(option, "set in options { accel }");
        String os = System.getProperty("os.name").toLowerCase();
        String accel = os.contains("mac") ? "hvf" : "kvm";
        if (accel.equals("kvm")) {
            Path kvm = Path.of("/dev/kvm");
            if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
                return new Choice("tcg", "no usable /dev/kvm: emulation (TCG) is much slower");
            }
        }
        // Nodes made in parallel share one probe.
        return CHOSEN.computeIfAbsent(accel + " " + qemu + " " + kernel, key -> remembered(accel, qemu, kernel, memo));
    }

    private static Choice remembered(String accel, String qemu, Path kernel, Path memo) {
        String bootId = bootId();
        String key = bootId + " " + accel + " " + qemu + " " + kernel.getFileName() + ":" + size(kernel);
        try {
            if (bootId != null && Files.isRegularFile(memo)) {
                for (String line : Files.readAllLines(memo)) {
                    if (line.startsWith(key + "\t")) {
                        String[] fields = line.split("\t", 3);
                        return new Choice(fields[1], fields[2] + " (probed earlier since this host booted)");
                    }
                }
            }
        } catch (IOException unreadable) {
            // Probe again.
        }
        Verdict verdict = probe(probeArgv(qemu, accel, kernel), PROBE_DEADLINE);
        Choice choice = verdict.runs() ? new Choice(accel, "a test boot of the node's kernel ran under " + accel.toUpperCase())
                : new Choice("tcg", accel.toUpperCase() + " does not run guests on this host (" + verdict.why()
                + "): emulation (TCG) instead");
        if (bootId != null) {
            try {
                Files.createDirectories(memo.getParent());
                Files.writeString(memo, key + "\t" + choice.accel() + "\t" + choice.why() + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException unwritable) {
                // The next run probes again.
            }
        }
        return choice;
    }

    /** The test boot: the node's kernel and CPU model, no initrd, no disk; it panics at once after printing. */
    static List<String> probeArgv(String qemu, String accel, Path kernel) {
        return new ArrayList<>(List.of(qemu, "-accel", accel, "-cpu", QemuCommand.cpuModel(accel), "-m", "256",
                "-smp", "1", "-nodefaults", "-display", "none", "-monitor", "none", "-no-reboot",
                "-kernel", kernel.toString(), "-append", "console=ttyS0 earlyprintk=ttyS0 panic=-1", "-serial", "stdio"));
    }

    /** Runs a test boot until the kernel's first line, the deadline or qemu's exit; never leaves qemu running. */
    static Verdict probe(List<String> argv, Duration deadline) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(false).start();
        } catch (IOException e) {
            return new Verdict(false, "qemu did not start: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<Boolean> kernelRuns = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader serial = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = serial.readLine()) != null) {
                        if (line.contains(KERNEL_RUNS)) return true;
                    }
                } catch (IOException closed) {
                    // qemu was stopped
                }
                return false;
            });
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException closed) {
                    return "";
                }
            });
            try {
                if (kernelRuns.get(deadline.toMillis(), TimeUnit.MILLISECONDS)) return new Verdict(true, "ran");
                return new Verdict(false, "qemu exited before the kernel ran" + firstError(stderr));
            } catch (TimeoutException e) {
                return new Verdict(false, "the kernel printed nothing within " + deadline.toSeconds() + " s");
            } catch (ExecutionException e) {
                return new Verdict(false, String.valueOf(e.getCause()));
            }
        } catch (IOException e) {
            return new Verdict(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String firstError(CompletableFuture<String> stderr) {
        try {
            return stderr.get(2, TimeUnit.SECONDS).lines().filter(l -> !l.isBlank() && !l.contains("warning:"))
                    .findFirst().map(l -> ": " + l.replaceFirst("^.*?qemu-system-[a-z0-9_]+: ", "").strip()).orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException | RuntimeException e) {
            return null; // macOS: no memo, probe each run (a working HVF answers in well under a second)
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
