package dev.kubik.driver.vmkit;

import dev.kubik.spi.DriverException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes a machine's directory (disk, sockets, logs). A helper process that was just told to stop may still be
 * removing its own socket or pid file while the tree is walked: a file gone in between is what was wanted, not an
 * error.
 */
public final class MachineDirectory {
    private MachineDirectory() {
    }

    public static void remove(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) throw e;
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile: done
        } catch (IOException | UncheckedIOException e) {
            throw new DriverException("cannot remove " + dir + ": " + e.getMessage(), null, e);
        }
    }
}
