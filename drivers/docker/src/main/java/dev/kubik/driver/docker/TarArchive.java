package dev.kubik.driver.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A POSIX ustar archive of small regular files, the form {@code docker cp -} reads from standard input. Files only:
 * a directory the archive does not name is left as the container has it (or made, when missing, by the daemon).
 */
final class TarArchive {
    private static final int BLOCK = 512;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Adds {@code path} (relative, at most 100 bytes) with {@code content} and permission bits {@code mode}. */
    TarArchive file(String path, byte[] content, int mode) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length > 100 || path.startsWith("/") || path.contains("..")) throw new IllegalArgumentException("not a tar path: " + path);
        byte[] header = new byte[BLOCK];
        put(header, 0, name);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0); // uid: the daemon gives the files to the container's root
        octal(header, 116, 8, 0); // gid
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, System.currentTimeMillis() / 1000);
        header[156] = '0'; // a regular file
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        // The checksum is the sum of the header's bytes with its own field read as spaces.
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) sum += b & 0xff;
        put(header, 148, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(header);
        bytes.writeBytes(content);
        bytes.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        return this;
    }

    /** The archive, closed by its two empty blocks. */
    byte[] bytes() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream();
        closed.writeBytes(bytes.toByteArray());
        closed.writeBytes(new byte[2 * BLOCK]);
        return closed.toByteArray();
    }

    private static void put(byte[] header, int at, byte[] value) {
        System.arraycopy(value, 0, header, at, value.length);
    }

    /** A numeric field: octal digits, zero-padded, then a NUL. */
    private static void octal(byte[] header, int at, int width, long value) {
        put(header, at, String.format("%0" + (width - 1) + "o\0", value).getBytes(StandardCharsets.US_ASCII));
    }
}
