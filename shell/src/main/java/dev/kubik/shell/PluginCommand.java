package dev.kubik.shell;

import dev.kubik.engine.ssh.SshKeys;
import dev.kubik.engine.ssh.SshRunner;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.PluginConformance;
import dev.kubik.spi.PluginConformance.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code kubik plugin test}: the conformance suite for driver plugins. */
@Command(name = "plugin", description = "Driver plugins: kubik plugin test checks one against what kubik needs.",
        subcommands = PluginCommand.Test.class)
final class PluginCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "test", description = {"Runs the conformance suite against a driver plugin: the handshake, Describe, Status, "
            + "Validate, then a 2-machine cluster made, logged into over SSH, created again, stopped, started, resized (where "
            + "declared) and removed, a failed call's fix, and the exit when stdin closes. Removes what it made.",
            "e.g. kubik plugin test kubik-driver-dockerjs"})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "PLUGIN", description = "kubik-driver-NAME (in ~/.kubik/plugins or on PATH), NAME, or a path")
        String plugin;

        @Override
        public Integer call() throws Exception {
            PluginConformance suite = ServiceLoader.load(PluginConformance.class).findFirst()
                    .orElseThrow(() -> new IllegalStateException("this kubik has no plugin module"));
            Path executable = suite.resolve(plugin);
            Path work = Files.createTempDirectory("kubik-plugin-test");
            try {
                String publicKey = SshKeys.ensure(work, "kubik@plugin-test");
                System.out.println("Testing " + executable + " against kubik's plugin protocol:");
                List<Check> checks = suite.run(executable, work, publicKey, work.resolve(SshKeys.PRIVATE), Test::login, Test::print);
                long failed = count(checks, Check.Outcome.FAILED);
                System.out.println(count(checks, Check.Outcome.PASSED) + " passed, " + failed + " failed, "
                        + count(checks, Check.Outcome.SKIPPED) + " skipped");
                return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            } finally {
                dev.kubik.engine.state.ProfileStore.deleteTree(work);
            }
        }

        private static long count(List<Check> checks, Check.Outcome outcome) {
            return checks.stream().filter(c -> c.outcome() == outcome).count();
        }

        private static void print(Check check) {
            String mark = switch (check.outcome()) {
                case PASSED -> "ok  ";
                case FAILED -> "FAIL";
                case SKIPPED -> "skip";
            };
            System.out.println("  " + mark + " " + check.name() + (check.detail().isBlank() ? "" : "\n         " + check.detail().replace("\n", "\n         ")));
            System.out.flush();
        }

        /** As kubik logs into a node: its SSH, the host key the plugin returned pinned (else the one first offered). */
        private static String login(String machine, dev.kubik.spi.SshAccess ssh, List<String> hostKeys, Path privateKey,
                                    String command) throws Exception {
            String pinned = hostKeys.isEmpty() ? SshRunner.offeredHostKeys(ssh.endpoint(), Duration.ofSeconds(60)).get(0) : hostKeys.get(0);
            try (SshRunner runner = SshRunner.await(machine, ssh::endpoint, ssh.user(), privateKey, pinned, Duration.ofSeconds(120))) {
                CommandResult result = runner.run(List.of("sh", "-c", command), Duration.ofSeconds(30));
                if (result.exitStatus() != 0) throw new IllegalStateException(command + " exited " + result.exitStatus() + ": " + result.stderr());
                return result.stdout();
            }
        }
    }
}
