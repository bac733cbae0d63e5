package dev.kubik.engine.ssh;

import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.OwnerOnly;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * OpenSSH's known_hosts, for the user's own ssh tools (docker's and podman's ssh:// hosts, plain ssh): a node's line
 * holds the key kubik pinned when it made the node, never one read off the network (as ssh-keyscan would).
 */
public final class KnownHosts {
    private KnownHosts() {
    }

    /** What adding a node's line did: nothing when it was there, else added after {@code replaced} stale entries went. */
    public record Added(boolean added, int replaced) {
    }

    /** The user's file, where OpenSSH looks: the account's home (not $HOME, which ssh ignores too). */
    public static Path userFile() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** How known_hosts names an endpoint: {@code host} on port 22, else {@code [host]:port}. */
    public static String name(Endpoint endpoint) {
        return endpoint.port() == 22 ? endpoint.host() : "[" + endpoint.host() + "]:" + endpoint.port();
    }

    /** The line for {@code endpoint} holding {@code pinnedKey} ({@code TYPE BASE64}, a comment dropped). */
    public static String line(Endpoint endpoint, String pinnedKey) {
        return name(endpoint) + " " + keyOf(pinnedKey);
    }

    /**
     * Adds the node's line to {@code file} unless it is there. Entries that name the same endpoint with another key
     * go (a deleted cluster's node that had the port, which ssh would report as a changed host key): the name is taken
     * out of a line naming several hosts, a hashed entry ({@code |1|salt|hash}) is matched as ssh matches it. Comments,
     * {@code @cert-authority} and {@code @revoked} lines and wildcard patterns are kept as they are.
     */
    public static Added add(Path file, Endpoint endpoint, String pinnedKey) {
        String name = name(endpoint);
        String key = keyOf(pinnedKey);
        List<String> kept = new ArrayList<>();
        int replaced = 0;
        boolean present = false;
        for (String line : read(file)) {
            String[] fields = line.strip().split("\\s+", 3);
            if (fields.length < 3 || fields[0].startsWith("#") || fields[0].startsWith("@")) {
                kept.add(line);
                continue;
            }
            List<String> hosts = new ArrayList<>(Arrays.asList(fields[0].split(",")));
            if (hosts.stream().noneMatch(h -> names(h, name))) {
                kept.add(line);
            } else if (keyOf(fields[1] + " " + fields[2]).equals(key)) {
                present = true;
                kept.add(line);
            } else {
                replaced++;
                hosts.removeIf(h -> names(h, name));
                if (!hosts.isEmpty()) kept.add(String.join(",", hosts) + " " + fields[1] + " " + fields[2]);
            }
        }
        if (present && replaced == 0) return new Added(false, 0);
        if (!present) kept.add(name + " " + key);
        createSshDirectory(file.getParent());
        AtomicFiles.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        return new Added(!present, replaced);
    }

    /** Whether the user's ssh would find {@code pinnedKey} for {@code endpoint} in {@code file}. */
    public static boolean holds(Path file, Endpoint endpoint, String pinnedKey) {
        String name = name(endpoint);
        String key = keyOf(pinnedKey);
        return read(file).stream().map(l -> l.strip().split("\\s+", 3))
                .anyMatch(f -> f.length == 3 && !f[0].startsWith("@") && !f[0].startsWith("#")
                        && Arrays.stream(f[0].split(",")).anyMatch(h -> names(h, name)) && keyOf(f[1] + " " + f[2]).equals(key));
    }

    /** One host field: the name itself, or OpenSSH's hashed form, base64 HMAC-SHA1 of the name keyed by the salt. */
    static boolean names(String host, String name) {
        if (!host.startsWith("|1|")) return host.equals(name);
        String[] parts = host.split("\\|");
        if (parts.length != 4) return false;
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] expected = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not a hash ssh would match either
        }
    }

    /** ~/.ssh as ssh-keygen makes it: the owner's alone (ssh refuses one others may write to). */
    private static void createSshDirectory(Path dir) {
        if (dir == null || Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir);
            if (OwnerOnly.posix(dir)) Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String keyOf(String publicKey) {
        String[] fields = publicKey.strip().split("\\s+");
        if (fields.length < 2) throw new IllegalArgumentException("not an OpenSSH public key: " + publicKey);
        return fields[0] + " " + fields[1];
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
