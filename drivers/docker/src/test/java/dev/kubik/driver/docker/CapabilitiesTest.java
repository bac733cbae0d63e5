package dev.kubik.driver.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilitiesTest {

    @Test
    void aPidFileCountsOnlyWhenItNamesARunningDockerd(@TempDir Path dir) throws Exception {
        // A process whose name is dockerd: sleep, copied under that name (the kernel names a process by its file).
        Path dockerd = Files.copy(Path.of("/bin/sleep"), dir.resolve("dockerd"), StandardCopyOption.COPY_ATTRIBUTES);
        Process daemon = new ProcessBuilder(dockerd.toString(), "30").start();
        try {
            Path pidFile = Files.writeString(dir.resolve("docker.pid"), daemon.pid() + "\n");
            assertThat(Capabilities.recordedDaemon(pidFile)).contains(Path.of("/proc/" + daemon.pid() + "/status"));

            // Stale: the pid now belongs to another program, or to no process at all.
            Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
            assertThat(Capabilities.recordedDaemon(pidFile)).isEmpty();
            daemon.destroy();
            assertThat(daemon.waitFor(5, TimeUnit.SECONDS)).isTrue();
            Files.writeString(pidFile, String.valueOf(daemon.pid()));
            assertThat(Capabilities.recordedDaemon(pidFile)).isEmpty();
        } finally {
            daemon.destroyForcibly();
        }
        assertThat(Capabilities.recordedDaemon(dir.resolve("absent.pid"))).isEmpty();
        assertThat(Capabilities.recordedDaemon(Files.writeString(dir.resolve("empty.pid"), ""))).isEmpty();
    }
}
