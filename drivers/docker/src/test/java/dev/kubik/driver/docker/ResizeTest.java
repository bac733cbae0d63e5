package dev.kubik.driver.docker;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.Reporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node's CPUs and memory change in place on a real docker daemon, whichever form its CPU limit was made in: a
 * 10 ms quota period (nodes made now) or {@code --cpus} (nodes made before), which docker refuses to convert.
 */
class ResizeTest {
    private static final String IMAGE = System.getenv().getOrDefault("KUBIK_NODE_IMAGE", "kubik/node:dev");
    private static final List<String> NAMES = List.of("kubik-resize-test-period", "kubik-resize-test-cpus");

    @TempDir
    Path home;

    @BeforeEach
    void dockerIsHere() {
        // Where the end-to-end tests must run (CI, -Dkubik.e2e=true), a missing daemon fails them instead.
        boolean required = Boolean.getBoolean("kubik.e2e") || "true".equals(System.getenv("CI"));
        assumeTrue(required || docker(List.of("version")).ok(), "no docker daemon here");
        removeContainers();
    }

    @AfterEach
    void removeContainers() {
        NAMES.forEach(name -> docker(List.of("rm", "--force", name)));
    }

    @Test
    void aNodeMadeWithAPeriodKeepsItAndGetsTheNewQuota() {
        List<String> limit = DockerDriver.cpuLimit(1);
        assertThat(limit).containsExactly("--cpu-period", "10000", "--cpu-quota", "10000");
        String name = NAMES.get(0);
        sleeper(name, limit);

        resize(name, 2, 512);

        assertThat(inspect(name)).isEqualTo("10000 20000 0 " + 512L * 1024 * 1024);
    }

    @Test
    void aNodeMadeWithCpusKeepsThatForm() {
        String name = NAMES.get(1);
        sleeper(name, List.of("--cpus", "1"));

        resize(name, 2, 512);

        assertThat(inspect(name)).isEqualTo("0 0 2000000000 " + 512L * 1024 * 1024);
    }

    private void resize(String name, int cpus, long memoryMiB) {
        MachineConfig config = new MachineConfig("resize-test", name, "control-plane", 0, cpus, memoryMiB, 20480,
                Map.of(), List.of(), List.of(), null, "");
        new DockerDriver().resize(config, MachineRef.named(name), DriverContext.local(home, Reporter.SILENT));
    }

    /** A container that only sleeps, with the given CPU limit and 256 MiB. */
    private static void sleeper(String name, List<String> cpuLimit) {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--memory", "256m", "--memory-swap", "256m"));
        run.addAll(cpuLimit);
        run.addAll(List.of("--entrypoint", "sleep", IMAGE, "infinity"));
        CommandResult result = docker(run);
        assertThat(result.ok()).as(result.stderr()).isTrue();
    }

    private static String inspect(String name) {
        return docker(List.of("container", "inspect", "--format",
                "{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}", name)).stdout().strip();
    }

    private static CommandResult docker(List<String> args) {
        return new DockerCli("docker", HostCommands.LOCAL).run(Duration.ofMinutes(1), args);
    }
}
