package dev.kubik.engine;

import dev.kubik.engine.kubeconfig.KubeconfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubeconfig kubik writes, read by the real kubectl. */
class KubeconfigFileTest {
    static final byte[] PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes();

    static String kubectl(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", config.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void addsAContextKubectlReadsAndKeepsEveryOtherEntry(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                preferences: {}
                clusters:
                - name: work
                  cluster:
                    server: https://work.example:6443
                    insecure-skip-tls-verify: true
                    extensions:
                    - name: other-tool
                      extension:
                        answer: "42"
                users:
                - name: work
                  user:
                    token: abc
                contexts:
                - name: work
                  context:
                    cluster: work
                    user: work
                    namespace: team
                current-context: work
                """);
        String before = kubectl(config, "config", "view", "--raw", "--minify", "--context", "work", "-o", "json");

        new KubeconfigFile(config).upsert(new KubeconfigFile.Entry("dev", "https://127.0.0.1:32771", PEM, PEM, PEM), false, "test");

        assertThat(kubectl(config, "config", "get-contexts", "-o", "name")).isEqualTo("dev\nwork\n");
        assertThat(kubectl(config, "config", "current-context")).isEqualTo("dev\n");
        String dev = kubectl(config, "config", "view", "--raw", "--minify", "--context", "dev");
        assertThat(dev).contains("server: https://127.0.0.1:32771").contains("certificate-authority-data: ")
                .contains("client-certificate-data: ").contains("client-key-data: ").contains("provider: kubik.dev");
        assertThat(kubectl(config, "config", "view", "--raw", "--minify", "--context", "work", "-o", "json")).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

        new KubeconfigFile(config).remove("dev");
        assertThat(kubectl(config, "config", "get-contexts", "-o", "name")).isEqualTo("work\n");
        assertThat(kubectl(config, "config", "view", "--raw", "--minify", "--context", "work", "-o", "json")).isEqualTo(before);
    }

    @Test
    void keepContextLeavesTheCurrentContextAlone(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        KubeconfigFile file = new KubeconfigFile(config);
        file.upsert(new KubeconfigFile.Entry("first", "https://127.0.0.1:1", PEM, PEM, PEM), false, "test");
        file.upsert(new KubeconfigFile.Entry("second", "https://127.0.0.1:2", PEM, PEM, PEM), true, "test");
        file.upsert(new KubeconfigFile.Entry("first", "https://127.0.0.1:3", PEM, PEM, PEM), true, "test");

        assertThat(kubectl(config, "config", "current-context")).isEqualTo("first\n");
        assertThat(kubectl(config, "config", "get-contexts", "-o", "name")).isEqualTo("first\nsecond\n");
        assertThat(kubectl(config, "config", "view", "--minify", "--context", "first")).contains("server: https://127.0.0.1:3");
    }

    @Test
    void twentyConcurrentProcessesLeaveTwentyContexts(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            processes.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    KubeconfigWriter.class.getName(), config.toString(), "p" + i, String.valueOf(30000 + i)).inheritIO().start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
        List<String> contexts = kubectl(config, "config", "get-contexts", "-o", "name").lines().toList();
        assertThat(contexts).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(kubectl(config, "config", "view", "--minify", "--context", "p" + i)).contains("server: https://127.0.0.1:" + (30000 + i));
        }
    }
}
