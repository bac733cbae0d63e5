package dev.kubik.engine.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * Accepts exactly one host key: the one kubik pinned for this machine. Anything else is refused and remembered,
 * so the caller can say which key was offered.
 */
public final class PinnedHostKey implements HostKeyVerifier {
    private final String type;
    private final String blob;
    private volatile String offered;

    /** @param authorizedKeysLine {@code ssh-ed25519 AAAA… [comment]} */
    public PinnedHostKey(String authorizedKeysLine) {
        String[] parts = authorizedKeysLine.strip().split("\\s+");
        if (parts.length < 2) throw new IllegalArgumentException("not an OpenSSH public key: " + authorizedKeysLine);
        this.type = parts[0];
        this.blob = parts[1];
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String offeredType = KeyType.fromKey(key).toString();
        String offeredBlob = Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
        if (offeredType.equals(type) && offeredBlob.equals(blob)) return true;
        offered = offeredType + " " + offeredBlob;
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of(type);
    }

    /** The key refused, or null. */
    public String offered() {
        return offered;
    }

    public String fingerprint() {
        return fingerprint(blob);
    }

    /** OpenSSH's SHA256 fingerprint of a base64 key blob. */
    public static String fingerprint(String base64Blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
