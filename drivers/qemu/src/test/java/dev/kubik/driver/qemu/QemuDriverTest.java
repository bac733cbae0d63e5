package dev.kubik.driver.qemu;

import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The qemu driver's failure paths against real qemu: a creation that fails leaves no VM and no files behind. */
class QemuDriverTest {
    @TempDir
    Path home;

    @Test
    void aCreationThatFailsAfterTheLaunchStopsTheVmAndRemovesItsFiles() {
        Path iso = AcceleratorTest.nodeIso();
        DriverContext context = DriverContext.local(home, Reporter.SILENT);
        MachineConfig config = new MachineConfig("fails", "fails", "control-plane", 0, 1, 512, 1024,
                Map.of("iso", iso.toString(), "accel", "tcg", "network", "user"), List.of(), List.of(), null,
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq454yWBdwLWbieU1ebz9/cu7/QEXn9OIeZJ kubik@test");

        // One second is too short for any boot: the wait for the host keys fails with the VM running.
        assertThatThrownBy(() -> new QemuDriver(Duration.ofSeconds(1)).create(config, context))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("fails did not print its SSH host keys to its serial console within 1 s");

        Path machineDir = context.machineDir("fails");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(machineDir.toString())))
                .as("qemu processes of the failed machine").isEmpty();
        assertThat(machineDir).doesNotExist();
    }
}
