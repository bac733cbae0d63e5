package dev.kubik.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One kubik at a time per profile, across processes: an OS file lock on {@code profiles/<name>/.lock}. A second
 * kubik waits, says so once, and gives up clearly after the timeout. It never creates anything twice.
 */
public final class ProfileLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProfileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ProfileLock acquire(Path profileDir, String profile, Duration timeout, Consumer<String> waiting) {
        return acquireFile(profileDir.resolve(".lock"), "profile '" + profile + "'", timeout, waiting);
    }

    /** The same lock on any file, e.g. beside a kubeconfig shared with other tools. */
    public static ProfileLock acquireFile(Path lockFile, String what, Duration timeout, Consumer<String> waiting) {
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) return new ProfileLock(channel, lock);
                if (!told) {
                    waiting.accept("another kubik is working on " + what + "; waiting up to "
                            + timeout.toSeconds() + " s for it to finish");
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new LockTimeoutException(what + " is still in use by another kubik after "
                            + timeout.toSeconds() + " s; try again when it has finished");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException("interrupted while waiting for " + what);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (the REPL running a plan on another thread)
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS releases the lock with the process anyway.
        }
    }

    public static final class LockTimeoutException extends RuntimeException {
        public LockTimeoutException(String message) {
            super(message);
        }
    }
}
