package dev.kubik.driver.qemu;

import dev.kubik.driver.vmkit.IsoImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The accelerator probe against real qemu and the node ISO's own kernel: it must see the 64-bit kernel run, and a
 * guest that never runs (firmware that spins before the kernel, as a hanging KVM does) must be caught at the
 * deadline, with qemu stopped. Runs under TCG, which works on every host.
 */
class AcceleratorTest {
    @TempDir
    static Path dir;
    static Path kernel;

    /** The node ISO scripts/setup.sh --vm builds; where the end-to-end tests are required, its absence fails. */
    static Path nodeIso() {
        Path iso = Path.of(System.getenv().getOrDefault("KUBIK_NODE_ISO",
                System.getProperty("user.home") + "/.kubik/cache/node-iso/kubik-node.iso"));
        boolean required = Boolean.getBoolean("kubik.e2e") || "true".equals(System.getenv("CI"));
        if (!required) assumeTrue(Files.isRegularFile(iso), "no node ISO here (scripts/setup.sh --vm builds it)");
        assertThat(iso).as("the node ISO (scripts/setup.sh --vm)").isRegularFile();
        return iso;
    }

    @BeforeAll
    static void kernel() throws Exception {
        Path iso = nodeIso();
        kernel = dir.resolve("bzimage");
        try (IsoImage image = IsoImage.open(iso)) {
            image.extract("/boot/bzimage", kernel);
        }
    }

    @Test
    void theProbeSeesTheNodeKernelRunUnderTcg() {
        Accelerator.Verdict verdict = Accelerator.probe(Accelerator.probeArgv(QemuDriver.binary(), "tcg", kernel), Duration.ofSeconds(30));

        assertThat(verdict.runs()).as(verdict.why()).isTrue();
    }

    @Test
    void aGuestThatNeverRunsIsCaughtAtTheDeadlineAndItsQemuStopped() throws Exception {
        // Firmware whose reset vector jumps to itself: qemu runs, the guest never reaches the kernel.
        byte[] spin = new byte[65536];
        spin[0xFFF0] = (byte) 0xEB;
        spin[0xFFF1] = (byte) 0xFE;
        Path firmware = Files.write(dir.resolve("spin-" + ProcessHandle.current().pid() + ".bin"), spin);
        List<String> argv = new ArrayList<>(Accelerator.probeArgv(QemuDriver.binary(), "tcg", kernel));
        argv.addAll(List.of("-bios", firmware.toString()));

        long start = System.nanoTime();
        Accelerator.Verdict verdict = Accelerator.probe(argv, Duration.ofSeconds(2));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(verdict.runs()).isFalse();
        assertThat(verdict.why()).isEqualTo("the kernel printed nothing within 2 s");
        assertThat(tookMs).isBetween(2000L, 8000L);
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(firmware.toString())))
                .as("qemu processes left").isEmpty();
    }

    @Test
    void aQemuThatRefusesTheMachineSaysWhy() {
        List<String> argv = Accelerator.probeArgv(QemuDriver.binary(), "tcg", kernel);
        argv.set(argv.indexOf("-cpu") + 1, "no-such-cpu");

        Accelerator.Verdict verdict = Accelerator.probe(argv, Duration.ofSeconds(10));

        assertThat(verdict.runs()).isFalse();
        assertThat(verdict.why()).startsWith("qemu exited before the kernel ran").contains("no-such-cpu");
    }
}
