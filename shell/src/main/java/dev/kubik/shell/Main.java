package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.state.ProfileLock;
import dev.kubik.spi.DriverException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;

/** The {@code kubik} command. */
@Command(name = "kubik", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Local Kubernetes clusters, described in a Groovy DSL.%n"
                + "With no command, an interactive console. Run a script with 'kubik run FILE.kube.groovy'; "
                + "see what it would do with --dry-run.",
        subcommands = {RunCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class, StopCommand.class, StartCommand.class, DeleteCommand.class,
                SshCommand.class, SshHostCommand.class, SshKeyCommand.class, IpCommand.class, ProfileCommand.class, ProfilesCommand.class, AddonsCommand.class, ImageCommand.class, EtcdCommand.class, DriversCommand.class, DefaultsCommand.class, RenderCommand.class, CompletionCommand.class,
                TrustCommand.class, TrainCommand.class, VersionCommand.class, CpCommand.class, LogsCommand.class, KubectlCommand.class, UpdateContextCommand.class, ServiceCommand.class, TunnelCommand.class, DashboardCommand.class, DockerEnvCommand.class, PauseCommand.Pause.class, PauseCommand.Unpause.class, NotebookCommand.class, KernelCommand.class, PluginCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Option(names = "--debug", description = "print stack traces with errors", scope = CommandLine.ScopeType.INHERIT)
    static boolean debug;

    @Option(names = "--dry-run", description = "in the console: show plans, apply nothing (/set apply on changes it)")
    boolean dryRun;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        withHelp(cli);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("kubik: " + e.getMessage());
            e.getCommandLine().getErr().println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.INVALID;
        });
        return cli.execute(args);
    }

    /** Every command and subcommand answers -h/--help, as the top level does. */
    static void withHelp(CommandLine cli) {
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        cli.getSubcommands().values().forEach(Main::withHelp);
    }

    /** No command: the interactive console. */
    @Override
    public void run() {
        try {
            dev.kubik.shell.repl.Repl.run(home(), !dryRun);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KubikHome home() {
        return KubikHome.fromEnvironment();
    }

    /** The engine's facade, for a command that reports through {@code events}. */
    static ClusterService service(Events events) {
        return new ClusterService(home(), events, Version.get());
    }

    /** The same, for commands that only read: their warnings go to standard error. */
    static ClusterService service() {
        return service(new TextEvents(System.err, false));
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (debug) e.printStackTrace();
        if (e instanceof DriverException driver) {
            System.err.println("kubik: " + driver.getMessage());
            if (driver.fix() != null) System.err.println("  fix: " + driver.fix());
        } else if (e instanceof ProfileLock.LockTimeoutException || e instanceof UncheckedIOException) {
            System.err.println("kubik: " + e.getMessage());
        } else {
            System.err.println("kubik: " + e + (debug ? "" : " (--debug shows where)"));
        }
        return ExitCodes.FAILED;
    }
}
