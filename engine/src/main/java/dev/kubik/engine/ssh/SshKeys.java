package dev.kubik.engine.ssh;

import dev.kubik.engine.state.AtomicFiles;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A profile's SSH key pair in OpenSSH's own formats, so {@code ssh -i} works with it too: the private key in
 * {@code openssh-key-v1} PEM, written 0600 from its first byte, and the public key as an authorized_keys line.
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
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            byte[] privateBlob = OpenSSHPrivateKeyUtil.encodePrivateKey(pair.getPrivate());
            String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateBlob)
                    + "\n-----END OPENSSH PRIVATE KEY-----\n";
            // The public half is derived from the private key, exactly as the private blob embeds it.
            Ed25519PublicKeyParameters publicHalf = ((Ed25519PrivateKeyParameters) pair.getPrivate()).generatePublicKey();
            String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(OpenSSHPublicKeyUtil.encodePublicKey(publicHalf))
                    + " " + comment;
            AtomicFiles.writePrivate(privateKey, pem.getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(publicKey, (line + "\n").getBytes(StandardCharsets.US_ASCII));
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create SSH keys in " + dir + ": " + e.getMessage(), e);
        }
    }
}
