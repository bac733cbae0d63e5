package dev.kubik.driver.vmkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineDirectoryTest {
    @Test
    void removesTheWholeTreeAndToleratesADirectoryAlreadyGone(@TempDir Path home) throws Exception {
        Path dir = home.resolve("machines/m1");
        Files.createDirectories(dir.resolve("disks"));
        Files.writeString(dir.resolve("disks/disk.img"), "x");
        Files.writeString(dir.resolve("serial.log"), "y");

        MachineDirectory.remove(dir);
        assertFalse(Files.exists(dir));
        MachineDirectory.remove(dir); // a removal retried after an interruption
    }

    /** What a helper does when told to stop: it removes its own socket and pid file while kubik walks the tree. */
    @Test
    void filesAnotherProcessRemovesMeanwhileAreNotAnError(@TempDir Path home) throws Exception {
        for (int round = 0; round < 20; round++) {
            Path dir = home.resolve("m" + round);
            Files.createDirectories(dir);
            for (int i = 0; i < 300; i++) Files.writeString(dir.resolve("f" + i + ".sock"), "");
            long pid = DetachedProcess.spawn(List.of("sh", "-c", "rm -f " + dir + "/f*.sock"), Map.of(), home.resolve("rm.log"));

            MachineDirectory.remove(dir);
            assertFalse(Files.exists(dir), "round " + round);
            assertTrue(DetachedProcess.awaitExit(pid, Duration.ofSeconds(10)));
        }
    }

    @Test
    void awaitExitSaysWhetherTheProcessEndedInTime(@TempDir Path home) {
        long sleeper = DetachedProcess.spawn(List.of("sleep", "30"), Map.of(), home.resolve("sleep.log"));
        assertFalse(DetachedProcess.awaitExit(sleeper, Duration.ofMillis(200)));
        ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroy);
        assertTrue(DetachedProcess.awaitExit(sleeper, Duration.ofSeconds(10)));
    }
}
