package dev.kubik.driver.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archives {@code docker cp -} is given, read by GNU tar: names, modes, owners, contents. */
class TarArchiveTest {
    @Test
    void gnuTarReadsEveryFileWithItsModeOwnerAndContent(@TempDir Path dir) throws Exception {
        byte[] secret = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        byte[] big = "x".repeat(1300).getBytes(StandardCharsets.US_ASCII); // spans three blocks
        Path archive = Files.write(dir.resolve("a.tar"), new TarArchive()
                .file("ssh_host_ed25519_key", secret, 0600)
                .file(".ssh/authorized_keys", big, 0644).bytes());

        String listing = run(dir, "tar", "--numeric-owner", "-tvf", archive.toString());
        assertThat(listing.lines()).hasSize(2);
        assertThat(listing.lines().toList().get(0)).startsWith("-rw------- 0/0").contains(" " + secret.length + " ").endsWith(" ssh_host_ed25519_key");
        assertThat(listing.lines().toList().get(1)).startsWith("-rw-r--r-- 0/0").contains(" 1300 ").endsWith(" .ssh/authorized_keys");

        Path out = Files.createDirectory(dir.resolve("out"));
        run(out, "tar", "-xpf", archive.toString());
        assertThat(Files.readAllBytes(out.resolve("ssh_host_ed25519_key"))).isEqualTo(secret);
        assertThat(Files.readAllBytes(out.resolve(".ssh/authorized_keys"))).isEqualTo(big);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ssh_host_ed25519_key")))).isEqualTo("rw-------");
    }

    @Test
    void pathsThatWouldLeaveTheDestinationAreRefused() {
        assertThatThrownBy(() -> new TarArchive().file("/etc/passwd", new byte[0], 0644)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TarArchive().file("../etc/passwd", new byte[0], 0644)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
