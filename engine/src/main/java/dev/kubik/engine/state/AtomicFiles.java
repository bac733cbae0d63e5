package dev.kubik.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import dev.kubik.spi.OwnerOnly;

import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files written whole or not at all: a temporary file beside the target, then a rename. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) {
        write(target, content, false);
    }

    /**
     * Writes a file readable by its owner only, from its first byte (no window with wider permissions): mode 0600,
     * or on Windows an access list naming the owner alone ({@link OwnerOnly}).
     */
    public static void writePrivate(Path target, byte[] content) {
        write(target, content, true);
    }

    private static void write(Path target, byte[] content, boolean ownerOnly) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = ownerOnly
                    ? OwnerOnly.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp")
                    : Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
