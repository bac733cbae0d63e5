package dev.kubik.bootstrapper.kubeadm;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Preload tarballs ({@code .tar.lz4}, minikube's format: runtime images and binaries laid out as /var) read with
 * commons-compress, which does LZ4 framing in pure Java. Entries that would land outside the target are refused.
 */
final class Preload {
    private Preload() {
    }

    /** The tarball decompressed: a plain tar stream, for a node's own tar to extract. */
    static InputStream tarStream(Path tarLz4) throws IOException {
        return new FramedLZ4CompressorInputStream(new BufferedInputStream(Files.newInputStream(tarLz4)));
    }

    /**
     * minikube's name for the preload of a version and runtime ({@code preloaded-images-k8s-v18-v1.34.0-containerd-
     * overlay2-amd64.tar.lz4}), which kubik reads too.
     */
    static String fileName(String version, String runtime, String arch) {
        return "preloaded-images-k8s-v18-" + version + "-" + runtime + "-" + (runtime.equals("cri-o") ? "overlay" : "overlay2")
                + "-" + arch + ".tar.lz4";
    }

    /** Extracts the tarball into {@code target}; returns the number of files written. */
    static int extract(Path tarLz4, Path target) {
        int files = 0;
        Path root = target.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarLz4));
             TarArchiveInputStream tar = new TarArchiveInputStream(new FramedLZ4CompressorInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException("entry " + entry.getName() + " would be written outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(destination.getParent());
                    Files.deleteIfExists(destination);
                    Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + tarLz4 + ": " + e.getMessage(), e);
        }
        return files;
    }
}
