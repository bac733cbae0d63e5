package dev.kubik.spi;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A new Ed25519 key pair in OpenSSH's own formats: the private key as unencrypted {@code openssh-key-v1} PEM (what
 * {@code ssh-keygen} writes, for {@code ssh -i} and for sshd's host keys alike), the public key as one line of
 * authorized_keys or known_hosts. From the JDK's Ed25519, the code the engine's SSH signs and verifies with.
 *
 * @param privatePem the private key file's content; a secret, never printed ({@link #toString})
 * @param publicLine {@code ssh-ed25519 BASE64 COMMENT}
 */
public record OpenSshKeyPair(String privatePem, String publicLine) {
    private static final String TYPE = "ssh-ed25519";
    private static final int BLOCK = 8; // the private section's padding for cipher "none"
    /** An Ed25519 key's X.509 encoding ends with its 32-byte point as RFC 8032 encodes it (SSH's wire form too). */
    private static final int POINT = 32;

    public static OpenSshKeyPair generate(String comment) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] point = Arrays.copyOfRange(encoded, encoded.length - POINT, encoded.length);
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            byte[] publicBlob = wire(out -> {
                string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
                string(out, point);
            });
            String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateFile(publicBlob, point, seed, comment))
                    + "\n-----END OPENSSH PRIVATE KEY-----\n";
            return new OpenSshKeyPair(pem, TYPE + " " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519 (Java 15 and later do): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OpenSshKeyPair[" + publicLine + "]";
    }

    /** OpenSSH's PROTOCOL.key: unencrypted, one key, the private section padded 1, 2, 3... to the block size. */
    private static byte[] privateFile(byte[] publicBlob, byte[] point, byte[] seed, String comment) {
        byte[] secret = new byte[64]; // the seed, then the public point, as OpenSSH keeps an Ed25519 secret
        System.arraycopy(seed, 0, secret, 0, POINT);
        System.arraycopy(point, 0, secret, POINT, POINT);
        int check = new SecureRandom().nextInt();
        byte[] section = wire(out -> {
            out.writeInt(check);
            out.writeInt(check);
            string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
            string(out, point);
            string(out, secret);
            string(out, comment.getBytes(StandardCharsets.UTF_8));
            for (int pad = 1; out.size() % BLOCK != 0; pad++) out.writeByte(pad);
        });
        return wire(out -> {
            out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII)); // cipher
            string(out, "none".getBytes(StandardCharsets.US_ASCII)); // key derivation
            string(out, new byte[0]); // its options
            out.writeInt(1);
            string(out, publicBlob);
            string(out, section);
        });
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    /** SSH's wire encoding: big-endian integers, strings as a uint32 length and their bytes. */
    private static byte[] wire(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory does not fail to write
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
