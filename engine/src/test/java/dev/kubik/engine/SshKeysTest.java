package dev.kubik.engine;

import dev.kubik.engine.ssh.SshKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SshKeysTest {

    @Test
    void privateKeyIsOwnerOnlyAndOpenSshReadsThePairAsOne(@TempDir Path dir) throws Exception {
        String publicKey = SshKeys.ensure(dir, "kubik@test");
        Path privateKey = dir.resolve(SshKeys.PRIVATE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(publicKey).startsWith("ssh-ed25519 ").endsWith(" kubik@test");
        // The real OpenSSH derives the public key from the private file: it must be the one kubik installs.
        Process keygen = new ProcessBuilder("ssh-keygen", "-y", "-f", privateKey.toString()).redirectErrorStream(true).start();
        String derived = new String(keygen.getInputStream().readAllBytes()).strip();
        assertThat(keygen.waitFor()).isZero();
        assertThat(publicKey).startsWith(derived);
    }

    @Test
    void anExistingPairIsKept(@TempDir Path dir) {
        String first = SshKeys.ensure(dir, "kubik@a");
        assertThat(SshKeys.ensure(dir, "kubik@a")).isEqualTo(first);
    }
}
