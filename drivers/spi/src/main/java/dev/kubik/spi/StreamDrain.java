package dev.kubik.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads a command's output to its end in the background, so a chatty command never blocks on a full pipe. On
 * threads of its own: on CompletableFuture's shared pool, the output of a command that has finished would wait
 * behind whatever else runs there (a run's warm-ups, parallel lookups on a host with more cores), and its caller
 * with it.
 */
public final class StreamDrain {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kubik-drain");
        thread.setDaemon(true);
        return thread;
    });

    private StreamDrain() {
    }

    /** Everything {@code stream} gives until its end, which is then closed; what was read when it fails. */
    public static CompletableFuture<byte[]> start(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(buffer);
            } catch (IOException e) {
                // a broken pipe: what arrived is all there is
            }
            return buffer.toByteArray();
        }, THREADS);
    }
}
