package dev.kubik.engine.ssh;

import dev.kubik.spi.Endpoint;
import dev.kubik.spi.OpenSshKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each file kubik writes is read back by OpenSSH's own ssh-keygen, which looks hosts up as ssh does. */
class KnownHostsTest {
    private static final Endpoint NODE = new Endpoint("127.0.0.1", 32801);
    private final String pinned = OpenSshKeyPair.generate("root@e2e").publicLine();
    private final String other = OpenSshKeyPair.generate("someone").publicLine();

    @TempDir
    Path home;

    @Test
    void addsTheNodesLineOnceInAPrivateSshDirectory() throws Exception {
        Path file = home.resolve(".ssh/known_hosts");

        assertThat(KnownHosts.add(file, NODE, pinned)).isEqualTo(new KnownHosts.Added(true, 0));
        assertThat(KnownHosts.add(file, NODE, pinned)).isEqualTo(new KnownHosts.Added(false, 0));

        assertThat(Files.readAllLines(file)).containsExactly("[127.0.0.1]:32801 " + keyOnly(pinned));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(keygen("-F", "[127.0.0.1]:32801", "-f", file.toString())).contains(keyOnly(pinned));
        assertThat(KnownHosts.holds(file, NODE, pinned)).isTrue();
        assertThat(KnownHosts.holds(file, new Endpoint("127.0.0.1", 32802), pinned)).isFalse();
    }

    @Test
    void aStaleKeyForTheEndpointGoesAndOtherHostsStay() throws Exception {
        Path file = home.resolve("known_hosts");
        Files.write(file, List.of("# mine", "github.example " + keyOnly(other),
                "[127.0.0.1]:32801,lab.example " + keyOnly(other), "@cert-authority *.example " + keyOnly(other)));

        assertThat(KnownHosts.add(file, NODE, pinned)).isEqualTo(new KnownHosts.Added(true, 1));

        assertThat(Files.readAllLines(file)).containsExactly("# mine", "github.example " + keyOnly(other),
                "lab.example " + keyOnly(other), "@cert-authority *.example " + keyOnly(other),
                "[127.0.0.1]:32801 " + keyOnly(pinned));
        assertThat(keygen("-F", "lab.example", "-f", file.toString())).contains(keyOnly(other));
    }

    @Test
    void hashedEntriesAreMatchedAsSshMatchesThem() throws Exception {
        Path file = home.resolve("known_hosts");
        Files.write(file, List.of("[127.0.0.1]:32801 " + keyOnly(pinned), "other.example " + keyOnly(other)));
        keygen("-H", "-f", file.toString()); // HashKnownHosts, as Debian's and Ubuntu's ssh write entries
        assertThat(Files.readString(file)).doesNotContain("127.0.0.1");

        assertThat(KnownHosts.holds(file, NODE, pinned)).isTrue();
        assertThat(KnownHosts.add(file, NODE, pinned)).isEqualTo(new KnownHosts.Added(false, 0));

        assertThat(KnownHosts.add(file, NODE, other)).isEqualTo(new KnownHosts.Added(true, 1));
        assertThat(keygen("-F", "[127.0.0.1]:32801", "-f", file.toString())).contains(keyOnly(other)).doesNotContain(keyOnly(pinned));
        assertThat(keygen("-F", "other.example", "-f", file.toString())).contains(keyOnly(other));
    }

    private static String keyOnly(String publicLine) {
        String[] fields = publicLine.split(" ");
        return fields[0] + " " + fields[1];
    }

    private static String keygen(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }
}
