package dev.kubik.driver.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which accelerator qemu uses: KVM on Linux, HVF on macOS, TCG (emulation) otherwise. /dev/kvm can exist and still
 * hang (nested virtualization without support), so KVM is probed: a machine is started paused, resumed, and must
 * report "running" within seconds; otherwise TCG, and kubik says why.
 */
final class Accelerator {
    private static final long PROBE_SECONDS = 5;

    record Choice(String accel, String why) {
    }

    private Accelerator() {
    }

    static Choice choose(String option, String qemu) {
        if (!option.equals("auto")) return new Choice(option, "set in options { accel }");
        String os = System.getProperty("os.name").toLowerCase();
        if (os.contains("mac")) return new Choice("hvf", "macOS");
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return new Choice("tcg", "no usable /dev/kvm: emulation (TCG) is much slower");
        }
        return probeKvm(qemu) ? new Choice("kvm", "/dev/kvm works")
                : new Choice("tcg", "/dev/kvm did not run a test machine within " + PROBE_SECONDS + " s: emulation (TCG)");
    }

    private static boolean probeKvm(String qemu) {
        Process process = null;
        try {
            process = new ProcessBuilder(List.of(qemu, "-accel", "kvm", "-M", "pc", "-nodefaults", "-display", "none",
                    "-monitor", "none", "-S", "-qmp", "stdio")).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"cont\"}\n{\"execute\":\"query-status\"}\n"
                        + "{\"execute\":\"quit\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) return false;
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("\"status\": \"running\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (process != null) process.destroyForcibly();
        }
    }
}
