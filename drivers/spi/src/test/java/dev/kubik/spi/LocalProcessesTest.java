package dev.kubik.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalProcessesTest {
    @Test
    void aProcessSaysWhatItPrintedAndHowItEnded() {
        CommandResult result = HostCommands.LOCAL.run(List.of("sh", "-c", "cat; echo oops >&2; exit 3"),
                new java.io.ByteArrayInputStream("in\n".getBytes()), Duration.ofSeconds(10));
        assertEquals(3, result.exitStatus());
        assertEquals("in\n", result.stdout());
        assertEquals("oops\n", result.stderr());
    }

    /** A run's warm-ups and lookups keep the shared pool busy; a process's output must not wait for them. */
    @Test
    void aBusySharedPoolDoesNotHoldBackAProcessesOutput() {
        int workers = ForkJoinPool.getCommonPoolParallelism();
        assertTrue(workers > 1, "this module's surefire argLine makes the shared pool CompletableFuture's default");
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            CommandResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> HostCommands.LOCAL.run(List.of("echo", "drained"), null, Duration.ofSeconds(10)));
            assertEquals("drained\n", result.stdout());
        } finally {
            release.countDown();
        }
    }
}
