package dev.kubik.shell;

import dev.kubik.engine.state.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scripts a user trusts to run outside the sandbox, as direnv's allow list: one line per file, its sha256 and
 * absolute path, in ~/.kubik/trusted. Trust is for the exact content: a changed file is untrusted again.
 */
final class TrustStore {
    private final Path file;

    public TrustStore(Path file) {
        this.file = file;
    }

    /** Trusts this content of this file. */
    public void trust(Path script, String content) {
        Map<Path, String> entries = read();
        entries.put(key(script), sha256(content));
        write(entries);
    }

    /** Removes the file's trust; false when it was not trusted. */
    public boolean revoke(Path script) {
        Map<Path, String> entries = read();
        boolean removed = entries.remove(key(script)) != null;
        if (removed) write(entries);
        return removed;
    }

    public boolean trusts(Path script, String content) {
        return sha256(content).equals(read().get(key(script)));
    }

    /** Every trusted file with the sha256 it was trusted at. */
    public Map<Path, String> entries() {
        return read();
    }

    private static Path key(Path script) {
        return script.toAbsolutePath().normalize();
    }

    private Map<Path, String> read() {
        Map<Path, String> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) return entries;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf("  ");
                if (line.isBlank() || line.startsWith("#") || space != 64) continue; // a damaged line trusts nothing
                entries.put(Path.of(line.substring(space + 2)), line.substring(0, space));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private void write(Map<Path, String> entries) {
        StringBuilder text = new StringBuilder("# Scripts trusted to run outside kubik's sandbox (kubik trust FILE)\n");
        entries.forEach((path, sha) -> text.append(sha).append("  ").append(path).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
