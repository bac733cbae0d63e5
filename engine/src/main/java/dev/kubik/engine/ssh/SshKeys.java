package dev.kubik.engine.ssh;

import dev.kubik.engine.state.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.util.Base64;

/**
 * A profile's SSH key pair in OpenSSH's own formats, so {@code ssh -i} works with it too: the private key in
 * {@code openssh-key-v1} PEM, written 0600 from its first byte, and the public key as an authorized_keys line.
 * The pair comes from the JDK's Ed25519, the code sshj signs and verifies with: a second implementation
 * (BouncyCastle's) cost a new cluster ~0.2 s more CPU, cold, while its first node boots.
 */
public final class SshKeys {
    public static final String PRIVATE = "id_ed25519";
    private static final String TYPE = "ssh-ed25519";
    private static final int BLOCK = 8; // the private section's padding for cipher "none"

    private SshKeys() {
    }

    /** The key pair in {@code dir}, generated on first use. Returns the public key line. */
    public static String ensure(Path dir, String comment) {
        Path privateKey = dir.resolve(PRIVATE);
        Path publicKey = dir.resolve(PRIVATE + ".pub");
        try {
            if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
                return Files.readString(publicKey).strip();
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            byte[] point = encoded(((EdECPublicKey) pair.getPublic()).getPoint());
            byte[] publicBlob = publicBlob(point);
            String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(privateFile(publicBlob, seed, point, comment))
                    + "\n-----END OPENSSH PRIVATE KEY-----\n";
            String line = TYPE + " " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment;
            AtomicFiles.writePrivate(privateKey, pem.getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(publicKey, (line + "\n").getBytes(StandardCharsets.US_ASCII));
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create SSH keys in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519 (Java 15 and later do): " + e.getMessage(), e);
        }
    }

    /** RFC 8032's 32-byte encoding: y little-endian, the top bit saying whether x is odd. */
    static byte[] encoded(EdECPoint point) {
        byte[] bigEndian = point.getY().toByteArray();
        byte[] littleEndian = new byte[32];
        for (int i = 0; i < littleEndian.length && i < bigEndian.length; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) littleEndian[31] |= (byte) 0x80;
        return littleEndian;
    }

    private static byte[] publicBlob(byte[] point) throws IOException {
        Wire blob = new Wire();
        blob.string(TYPE.getBytes(StandardCharsets.US_ASCII));
        blob.string(point);
        return blob.bytes();
    }

    /** OpenSSH's PROTOCOL.key: unencrypted, one key, the private section padded 1, 2, 3... to the block size. */
    private static byte[] privateFile(byte[] publicBlob, byte[] seed, byte[] point, String comment) throws IOException {
        int check = new SecureRandom().nextInt();
        Wire section = new Wire();
        section.uint32(check);
        section.uint32(check);
        section.string(TYPE.getBytes(StandardCharsets.US_ASCII));
        section.string(point);
        byte[] secret = new byte[64]; // the seed, then the public point, as OpenSSH keeps an Ed25519 secret
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(point, 0, secret, 32, 32);
        section.string(secret);
        section.string(comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; section.size() % BLOCK != 0; pad++) section.raw(new byte[] {(byte) pad});

        Wire file = new Wire();
        file.raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        file.string("none".getBytes(StandardCharsets.US_ASCII)); // cipher
        file.string("none".getBytes(StandardCharsets.US_ASCII)); // key derivation
        file.string(new byte[0]); // its options
        file.uint32(1);
        file.string(publicBlob);
        file.string(section.bytes());
        return file.bytes();
    }

    /** SSH's wire encoding (RFC 4251): big-endian uint32, and strings prefixed with their length. */
    private static final class Wire {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        void uint32(int value) throws IOException {
            out.writeInt(value);
        }

        void string(byte[] value) throws IOException {
            out.writeInt(value.length);
            out.write(value);
        }

        void raw(byte[] value) throws IOException {
            out.write(value);
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
