package dev.kubik.driver.vmkit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The boot2docker data disk, as minikube's drivers make it: a raw disk that starts with a tar holding the file
 * {@value #MAGIC} (its name at byte 0) and {@code .ssh/authorized_keys}, extended to the disk's size without
 * writing the rest (sparse). The node's automount sees the magic, keeps the tar, partitions and formats the disk,
 * and installs the key for user docker.
 */
public final class Boot2DockerDisk {
    public static final String MAGIC = "boot2docker, please format-me";

    private Boot2DockerDisk() {
    }

    /** Writes the disk at {@code path} (atomically: a half-made disk is never left under the name). */
    public static void create(Path path, String authorizedKey, long sizeMiB) throws IOException {
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        Files.write(partial, tar(authorizedKey));
        try (RandomAccessFile disk = new RandomAccessFile(partial.toFile(), "rw")) {
            disk.setLength(sizeMiB * 1024 * 1024); // sparse: the file system leaves the rest unallocated
        }
        Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the magic tar at the start of an existing raw image, keeping its length: a fixed VHD is raw data with a
     * footer at its end, which Hyper-V's New-VHD made and Convert-VHD will read.
     */
    public static void writeInto(Path image, String authorizedKey) throws IOException {
        byte[] tar = tar(authorizedKey);
        try (RandomAccessFile disk = new RandomAccessFile(image.toFile(), "rw")) {
            if (disk.length() < tar.length + 512L) throw new IOException(image + " is too small for the boot2docker tar");
            disk.write(tar);
        }
    }

    private static byte[] tar(String authorizedKey) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            add(tar, MAGIC, MAGIC.getBytes(StandardCharsets.US_ASCII), 0644);
            TarArchiveEntry ssh = new TarArchiveEntry(".ssh/");
            ssh.setMode(040700);
            tar.putArchiveEntry(ssh);
            tar.closeArchiveEntry();
            add(tar, ".ssh/authorized_keys", (authorizedKey.strip() + "\n").getBytes(StandardCharsets.US_ASCII), 0644);
            tar.finish();
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Grows a disk (never shrinks it); the node's file system is grown by the node. */
    public static void grow(Path path, long sizeMiB) throws IOException {
        try (RandomAccessFile disk = new RandomAccessFile(path.toFile(), "rw")) {
            long size = sizeMiB * 1024 * 1024;
            if (size > disk.length()) disk.setLength(size);
        }
    }
}
