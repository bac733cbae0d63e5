package dev.kubik.engine;

import dev.kubik.engine.certs.ClusterCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates checked by the real openssl. */
class ClusterCertificatesTest {

    static String openssl(String... args) throws Exception {
        Process process = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void servingCertificateVerifiesAgainstTheCaAndCarriesEveryName(@TempDir Path root) throws Exception {
        ClusterCertificates certs = new ClusterCertificates(new KubikHome(root));
        Set<String> names = ClusterCertificates.apiServerNames(List.of("192.168.49.2"), "10.96.0.0/12", "cluster.local",
                "control-plane.kubik.internal");

        assertThat(certs.ensure("dev", names)).isTrue();

        Path dir = certs.profileDir("dev");
        assertThat(openssl("openssl", "verify", "-CAfile", dir.resolve("ca.crt").toString(), dir.resolve("apiserver.crt").toString()))
                .contains(": OK");
        assertThat(openssl("openssl", "verify", "-CAfile", dir.resolve("ca.crt").toString(), dir.resolve("client.crt").toString()))
                .contains(": OK");
        assertThat(openssl("openssl", "verify", "-CAfile", dir.resolve("front-proxy-ca.crt").toString(),
                dir.resolve("front-proxy-client.crt").toString())).contains(": OK");
        String text = openssl("openssl", "x509", "-noout", "-text", "-in", dir.resolve("apiserver.crt").toString());
        assertThat(text).contains("IP Address:192.168.49.2", "IP Address:127.0.0.1", "IP Address:10.96.0.1",
                "DNS:localhost", "DNS:control-plane.kubik.internal", "DNS:kubernetes", "DNS:kubernetes.default",
                "DNS:kubernetes.default.svc", "DNS:kubernetes.default.svc.cluster.local", "TLS Web Server Authentication");
        assertThat(openssl("openssl", "x509", "-noout", "-subject", "-in", dir.resolve("client.crt").toString()))
                .contains("O = system:masters").contains("CN = kubik-user");
        assertThat(openssl("openssl", "rsa", "-check", "-noout", "-in", dir.resolve("sa.key").toString())).contains("RSA key ok");
        for (String key : List.of("ca.key", "apiserver.key", "client.key", "front-proxy-client.key", "sa.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key)))).as(key).isEqualTo("rw-------");
        }
    }

    @Test
    void theCaIsSharedAndTheServingCertificateIsRemadeOnlyWhenItsNamesChange(@TempDir Path root) throws Exception {
        ClusterCertificates certs = new ClusterCertificates(new KubikHome(root));
        Set<String> one = ClusterCertificates.apiServerNames(List.of("192.168.49.2"), "10.96.0.0/12", "cluster.local", "cp");
        Set<String> two = ClusterCertificates.apiServerNames(List.of("192.168.49.2", "192.168.49.3"), "10.96.0.0/12", "cluster.local", "cp");
        certs.ensure("a", one);
        certs.ensure("b", one);
        byte[] served = Files.readAllBytes(certs.profileDir("a").resolve("apiserver.crt"));

        assertThat(Files.readAllBytes(certs.profileDir("a").resolve("ca.crt"))).isEqualTo(Files.readAllBytes(certs.profileDir("b").resolve("ca.crt")));
        assertThat(certs.ensure("a", one)).isFalse();
        assertThat(Files.readAllBytes(certs.profileDir("a").resolve("apiserver.crt"))).isEqualTo(served);
        assertThat(certs.ensure("a", two)).isTrue();
        assertThat(openssl("openssl", "x509", "-noout", "-text", "-in", certs.profileDir("a").resolve("apiserver.crt").toString()))
                .contains("IP Address:192.168.49.3");
    }
}
