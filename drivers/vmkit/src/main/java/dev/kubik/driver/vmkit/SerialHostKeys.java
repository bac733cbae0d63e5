package dev.kubik.driver.vmkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The node's SSH host keys as it prints them to its serial console at every boot (cloud-init's format):
 * <pre>
 * -----BEGIN SSH HOST KEY KEYS-----
 * ssh-ed25519 AAAA… root@kubik
 * -----END SSH HOST KEY KEYS-----
 * </pre>
 * The console is a channel the host trusts (only the VM writes it), so the keys are pinned before the first SSH
 * contact and nothing is ever accepted on trust. The log is read from an offset, the size it had before this boot,
 * so the keys of an earlier boot are never taken for this one's.
 */
public final class SerialHostKeys {
    static final String BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
    static final String END = "-----END SSH HOST KEY KEYS-----";

    private SerialHostKeys() {
    }

    /**
     * The keys in the first complete block after {@code offset}, or none yet; Ed25519 first, the key the engine pins
     * (kubik's SSH has every Ed25519 algorithm in the JDK; ECDSA would need BouncyCastle).
     */
    public static List<String> read(Path log, long offset) throws IOException {
        if (!Files.exists(log)) return List.of();
        String text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - offset;
            if (length <= 0) return List.of();
            byte[] bytes = new byte[Math.toIntExact(Math.min(length, 64L * 1024 * 1024))];
            file.seek(offset);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8).replace("\r", "");
        }
        int begin = text.indexOf(BEGIN);
        int end = begin < 0 ? -1 : text.indexOf(END, begin);
        if (end < 0) return List.of();
        List<String> keys = new ArrayList<>();
        for (String line : text.substring(begin + BEGIN.length(), end).split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[0].matches("(ssh|ecdsa-sha2)-[a-z0-9-]+") && fields[1].matches("[A-Za-z0-9+/=]+")) {
                keys.add(fields[0] + " " + fields[1]);
            }
        }
        keys.sort(java.util.Comparator.comparing((String k) -> !k.startsWith("ssh-ed25519")));
        return keys;
    }

    /** The console stayed empty past its first deadline: the guest's kernel is not running. */
    public static final class SilentConsoleException extends IOException {
        SilentConsoleException(String message) {
            super(message);
        }
    }

    /**
     * Waits for the keys of this boot; fails naming the log when the VM stopped ({@code alive} false) or the
     * deadline passed.
     */
    public static List<String> await(Path log, long offset, Duration timeout, BooleanSupplier alive, String machine)
            throws IOException, InterruptedException {
        return await(log, offset, timeout, timeout, alive, machine);
    }

    /**
     * As {@link #await(Path, long, Duration, BooleanSupplier, String)}, and fails early, with a {@link
     * SilentConsoleException}, when nothing at all was printed within {@code firstOutput}: a kernel prints within
     * a second or two of the start, so a console still empty then is a guest that does not run.
     */
    public static List<String> await(Path log, long offset, Duration timeout, Duration firstOutput, BooleanSupplier alive,
                                     String machine) throws IOException, InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Instant firstOutputBy = start.plus(firstOutput);
        while (true) {
            List<String> keys = read(log, offset);
            if (!keys.isEmpty()) return keys;
            if (!alive.getAsBoolean()) {
                throw new IOException(machine + " stopped before printing its SSH host keys; see " + log);
            }
            Instant now = Instant.now();
            if (now.isAfter(firstOutputBy) && firstOutputBy.isBefore(deadline) && printed(log) <= offset) {
                throw new SilentConsoleException(machine + " printed nothing on its serial console within "
                        + firstOutput.toSeconds() + " s of starting: its kernel is not running; see " + log);
            }
            if (now.isAfter(deadline)) {
                throw new IOException(machine + " did not print its SSH host keys to its serial console within "
                        + timeout.toSeconds() + " s (boot too slow, or not a kubik node image); see " + log);
            }
            Thread.sleep(50);
        }
    }

    private static long printed(Path log) {
        try {
            return Files.size(log);
        } catch (IOException missing) {
            return 0;
        }
    }
}
