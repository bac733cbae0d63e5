package dev.kubik.engine.ssh;

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
    void aSignatureOpenSshMakesWithThePrivateFileVerifiesWithThePublicLine(@TempDir Path dir) throws Exception {
        // Ed25519 signs over its public point too: a public half that is not the seed's own fails here (ssh-keygen -y
        // above only echoes the point the file stores).
        String publicKey = SshKeys.ensure(dir, "kubik@test");
        Path data = Files.writeString(dir.resolve("data"), "signed by kubik's key");
        assertThat(run(dir, "ssh-keygen", "-Y", "sign", "-q", "-f", SshKeys.PRIVATE, "-n", "file", "data")).isZero();
        Files.writeString(dir.resolve("allowed"), "kubik@test " + publicKey + "\n");
        ProcessBuilder verify = new ProcessBuilder("ssh-keygen", "-Y", "verify", "-f", "allowed", "-I", "kubik@test",
                "-n", "file", "-s", "data.sig").directory(dir.toFile()).redirectInput(data.toFile()).redirectErrorStream(true);
        Process verifying = verify.start();
        String said = new String(verifying.getInputStream().readAllBytes());
        assertThat(verifying.waitFor()).as(said).isZero();
    }

    private static int run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    @Test
    void anExistingPairIsKept(@TempDir Path dir) {
        String first = SshKeys.ensure(dir, "kubik@a");
        assertThat(SshKeys.ensure(dir, "kubik@a")).isEqualTo(first);
    }
}
