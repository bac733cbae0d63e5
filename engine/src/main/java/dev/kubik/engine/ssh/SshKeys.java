package dev.kubik.engine.ssh;

import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.spi.OpenSshKeyPair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A profile's SSH key pair in OpenSSH's own formats, so {@code ssh -i} works with it too: the private key in
 * {@code openssh-key-v1} PEM, written 0600 from its first byte, and the public key as an authorized_keys line
 * ({@link OpenSshKeyPair}). The pair comes from the JDK's Ed25519, the code sshj signs and verifies with: a second
 * implementation (BouncyCastle's) cost a new cluster ~0.2 s more CPU, cold, while its first node boots.
 */
public final class SshKeys {
    public static final String PRIVATE = "id_ed25519";

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
            OpenSshKeyPair pair = OpenSshKeyPair.generate(comment);
            AtomicFiles.writePrivate(privateKey, pair.privatePem().getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(publicKey, (pair.publicLine() + "\n").getBytes(StandardCharsets.US_ASCII));
            return pair.publicLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create SSH keys in " + dir + ": " + e.getMessage(), e);
        }
    }
}
