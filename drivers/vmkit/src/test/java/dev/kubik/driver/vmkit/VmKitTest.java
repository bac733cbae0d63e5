package dev.kubik.driver.vmkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VM kit's pieces; the host's own tar reads the data disk as the node's automount will. */
class VmKitTest {

    @Test
    void theDataDiskStartsWithTheMagicHoldsTheKeyAndIsSparse(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("disk.raw");
        Boot2DockerDisk.create(disk, "ssh-ed25519 AAAAC3Nza kubik", 20480);

        byte[] head = new byte[Boot2DockerDisk.MAGIC.length()];
        try (var in = Files.newInputStream(disk)) {
            assertThat(in.read(head)).isEqualTo(head.length);
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo(Boot2DockerDisk.MAGIC);
        assertThat(Files.size(disk)).isEqualTo(20480L * 1024 * 1024);
        Process du = new ProcessBuilder("du", "--block-size=1", disk.toString()).start();
        long allocated = Long.parseLong(new String(du.getInputStream().readAllBytes()).split("\\s+")[0]);
        assertThat(allocated).isLessThan(1024 * 1024);

        // What the node does: read the tar at the start of the disk, as tar would.
        Path out = Files.createDirectory(dir.resolve("home"));
        Process tar = new ProcessBuilder("sh", "-c", "head -c 65536 \"$0\" | tar -x -C \"$1\" && tar -tvf \"$0\" 2>/dev/null | head -n5",
                disk.toString(), out.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes());
        assertThat(tar.waitFor()).isZero();
        assertThat(Files.readString(out.resolve(".ssh/authorized_keys"))).isEqualTo("ssh-ed25519 AAAAC3Nza kubik\n");
        assertThat(listing).contains("drwx------").contains(".ssh/authorized_keys");
        assertThat(dir.resolve("disk.raw.partial")).doesNotExist();
    }

    @Test
    void growingADiskNeverShrinksIt(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("disk.raw");
        Boot2DockerDisk.create(disk, "ssh-ed25519 AAAA", 2048);
        Boot2DockerDisk.grow(disk, 4096);
        Boot2DockerDisk.grow(disk, 1024);
        assertThat(Files.size(disk)).isEqualTo(4096L * 1024 * 1024);
    }

    @Test
    void macAddressesAreLocallyAdministeredUnicastAndCompareAsBytes() {
        for (int i = 0; i < 100; i++) {
            byte first = MacAddress.random().bytes()[0];
            assertThat(first & 0x02).isEqualTo(0x02);
            assertThat(first & 0x01).isZero();
        }
        assertThat(MacAddress.parse("52:54:0:12:0:1")).isEqualTo(MacAddress.parse("52:54:00:12:00:01"));
        assertThat(MacAddress.parse("52:54:0:12:0:1").toString()).isEqualTo("52:54:00:12:00:01");
        assertThatThrownBy(() -> MacAddress.parse("52:54:00:12:00")).hasMessageContaining("not a MAC address");
        assertThatThrownBy(() -> MacAddress.parse("52:54:00:12:00:zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leasesAreFoundByMacWhateverTheZerosAndTheNewestWins(@TempDir Path dir) throws Exception {
        Path leases = dir.resolve("dhcpd_leases");
        Files.writeString(leases, """
                {
                \tname=old
                \tip_address=192.168.64.2
                \thw_address=1,52:54:0:12:0:1
                \tidentifier=1,52:54:0:12:0:1
                \tlease=0x60000000
                }
                {
                \tname=kubik
                \tip_address=192.168.64.5
                \thw_address=1,52:54:0:12:0:1
                \tidentifier=1,52:54:0:12:0:1
                \tlease=0x6759a3f0
                }
                {
                \tname=broken
                \thw_address=1,zz
                }
                {
                \tname=other
                \tip_address=192.168.64.6
                \thw_address=1,a2:0:0:0:0:7
                \tlease=0x6759a3f1
                }
                """);
        assertThat(DhcpdLeases.addressOf(leases, MacAddress.parse("52:54:00:12:00:01"))).contains("192.168.64.5");
        assertThat(DhcpdLeases.addressOf(leases, MacAddress.parse("a2:00:00:00:00:07"))).contains("192.168.64.6");
        assertThat(DhcpdLeases.addressOf(leases, MacAddress.parse("a2:00:00:00:00:08"))).isEmpty();
        assertThat(DhcpdLeases.addressOf(dir.resolve("none"), MacAddress.parse("a2:00:00:00:00:08"))).isEmpty();
    }

    @Test
    void hostKeysAreReadFromThisBootsBlockOnly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("serial.log");
        String earlier = "boot 1\r\n" + SerialHostKeys.BEGIN + "\r\nssh-ed25519 OLDKEY root@kubik\r\n" + SerialHostKeys.END + "\r\n";
        Files.writeString(log, earlier);
        long offset = Files.size(log);
        Files.writeString(log, "boot 2\r\n" + SerialHostKeys.BEGIN + "\r\nssh-ed25519 AAAAnew1 root@kubik\r\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(SerialHostKeys.read(log, offset)).isEmpty(); // no END yet: not complete
        Files.writeString(log, "ecdsa-sha2-nistp256 AAAAnew2= root@kubik\r\nnoise $(rm -rf /)\r\n" + SerialHostKeys.END + "\r\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(SerialHostKeys.read(log, offset)).containsExactly("ssh-ed25519 AAAAnew1", "ecdsa-sha2-nistp256 AAAAnew2=");
        assertThat(SerialHostKeys.read(log, 0)).containsExactly("ssh-ed25519 OLDKEY");
    }

    @Test
    void waitingForHostKeysNamesTheLogWhenTheVmStops(@TempDir Path dir) {
        Path log = dir.resolve("serial.log");
        assertThatThrownBy(() -> SerialHostKeys.await(log, 0, Duration.ofSeconds(5), () -> false, "dev-m02"))
                .hasMessage("dev-m02 stopped before printing its SSH host keys; see " + log);
        assertThatThrownBy(() -> SerialHostKeys.await(log, 0, Duration.ofMillis(300), () -> true, "dev-m02"))
                .hasMessageContaining("did not print its SSH host keys to its serial console within 0 s");
    }

    @Test
    void aConsoleThatStaysEmptyFailsAtTheFirstOutputDeadlineNotAtTheBootTimeout(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("serial.log"), "");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SerialHostKeys.await(log, 0, Duration.ofSeconds(60), Duration.ofMillis(300), () -> true, "dev"))
                .isInstanceOf(SerialHostKeys.SilentConsoleException.class)
                .hasMessage("dev printed nothing on its serial console within 0 s of starting: its kernel is not running; see " + log);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        // A console that prints (after an earlier boot's bytes, which do not count) is waited for to the boot timeout.
        Files.writeString(log, "an earlier boot\n");
        long offset = Files.size(log);
        Thread printer = new Thread(() -> {
            try {
                Thread.sleep(100);
                Files.writeString(log, "Linux version 6.1\n", java.nio.file.StandardOpenOption.APPEND);
            } catch (Exception ignored) {
                // The assertion below fails then.
            }
        });
        printer.start();
        assertThatThrownBy(() -> SerialHostKeys.await(log, offset, Duration.ofMillis(900), Duration.ofMillis(300), () -> true, "dev"))
                .isNotInstanceOf(SerialHostKeys.SilentConsoleException.class)
                .hasMessageContaining("did not print its SSH host keys to its serial console within 0 s");
    }

    @Test
    void anIsoMadeByXorrisoIsReadByteForByte(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("xorriso"), "xorriso is not installed (scripts/setup.sh --vm)");
        Path tree = Files.createDirectories(dir.resolve("iso/boot"));
        byte[] kernel = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(kernel);
        Files.write(tree.resolve("bzimage"), kernel);
        Files.writeString(tree.resolve("initrd"), "initrd ".repeat(1000));
        Files.createDirectories(dir.resolve("iso/isolinux"));
        Files.writeString(dir.resolve("iso/isolinux/isolinux.cfg"), "DEFAULT kubik\n");
        Path iso = dir.resolve("node.iso");
        Process xorriso = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(), "-V", "KUBIK",
                "-J", "-R", dir.resolve("iso").toString()).redirectErrorStream(true).start();
        xorriso.getInputStream().readAllBytes();
        assertThat(xorriso.waitFor()).isZero();

        try (IsoImage image = IsoImage.open(iso)) {
            assertThat(image.volumeId()).isEqualTo("KUBIK");
            image.extract("/boot/bzimage", dir.resolve("bz"));
            image.extract("/boot/initrd", dir.resolve("rd"));
            assertThat(Files.readAllBytes(dir.resolve("bz"))).isEqualTo(kernel);
            assertThat(Files.readString(dir.resolve("rd"))).isEqualTo("initrd ".repeat(1000));
            assertThat(image.find("/boot/missing")).isEmpty();
            assertThatThrownBy(() -> image.extract("/boot/vmlinuz", dir.resolve("x")))
                    .hasMessageContaining("has no /boot/vmlinuz");
        }
        assertThatThrownBy(() -> IsoImage.open(dir.resolve("bz"))).hasMessageContaining("is not an ISO 9660 image");
    }

    static boolean onPath(String tool) {
        return List.of(System.getenv("PATH").split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
