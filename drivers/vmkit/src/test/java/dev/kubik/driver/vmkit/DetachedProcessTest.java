package dev.kubik.driver.vmkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachedProcessTest {
    @Test
    void theChildLeadsAGroupOfItsOwnLogsToTheFileAndIsReapedWhenItEnds(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        long pid = DetachedProcess.spawn(List.of("sh", "-c", "echo out; echo err >&2; echo \"$KUBIK_TEST_WORD\"; sleep 1"),
                Map.of("KUBIK_TEST_WORD", "passed"), log);

        assertEquals(pid, DetachedProcess.group(pid), "the child leads its own process group");
        assertNotEquals(DetachedProcess.group(ProcessHandle.current().pid()), DetachedProcess.group(pid));
        assertTrue(DetachedProcess.alive(pid));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (DetachedProcess.alive(pid) && System.nanoTime() < deadline) Thread.sleep(50);
        assertFalse(DetachedProcess.alive(pid), "an exited child is reaped, not left as a zombie that looks alive");
        assertEquals(List.of("out", "err", "passed"), Files.readAllLines(log));
    }
}
