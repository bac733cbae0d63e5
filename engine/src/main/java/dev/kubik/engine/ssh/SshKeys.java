package dev.kubik.engine.ssh;

import dev.kubik.engine.state.AtomicFiles;
import net.schmizz.sshj.common.Buffer;

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
            // SSH's wire form, as the engine pins host keys: the type, then the 32-byte point RFC 8032 encodes.
            byte[] publicBlob = new Buffer.PlainBuffer().putPublicKey(pair.getPublic()).getCompactData();
            String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(privateFile(publicBlob, seed, comment))
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

    /** OpenSSH's PROTOCOL.key: unencrypted, one key, the private section padded 1, 2, 3... to the block size. */
    private static byte[] privateFile(byte[] publicBlob, byte[] seed, String comment) throws IOException {
        Buffer.PlainBuffer blob = new Buffer.PlainBuffer(publicBlob);
        blob.readString(); // the type
        byte[] point = blob.readBytes();
        byte[] secret = new byte[64]; // the seed, then the public point, as OpenSSH keeps an Ed25519 secret
        System.arraycopy(seed, 0, secret, 0, 32);
        System.arraycopy(point, 0, secret, 32, 32);
        int check = new SecureRandom().nextInt();
        Buffer.PlainBuffer section = new Buffer.PlainBuffer()
                .putUInt32(check & 0xffffffffL).putUInt32(check & 0xffffffffL)
                .putString(TYPE).putBytes(point).putBytes(secret)
                .putString(comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; section.available() % BLOCK != 0; pad++) section.putByte((byte) pad);

        return new Buffer.PlainBuffer()
                .putRawBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                .putString("none") // cipher
                .putString("none") // key derivation
                .putString(new byte[0]) // its options
                .putUInt32(1)
                .putBytes(publicBlob)
                .putBytes(section.getCompactData())
                .getCompactData();
    }
}
