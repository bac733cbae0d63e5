package dev.kubik.shell;

import dev.kubik.model.Defaults;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code kubik profile [NAME]}: shows or sets the cluster commands act on when none is named (minikube's). */
@Command(name = "profile", description = "Shows the current profile, or makes NAME current: status, stop, start, "
        + "ssh, delete, image and addons act on it when no -p is given. With none set, the only cluster is current.",
        subcommands = ProfileCommand.ListProfiles.class)
final class ProfileCommand implements Callable<Integer> {
    /** {@code kubik profile list [-o json]}: minikube's command, its JSON shaped as minikube's for scripts. */
    @Command(name = "list", description = "Lists clusters (as kubik profiles); -o json in minikube's shape: "
            + "{\"invalid\": [...], \"valid\": [{\"Name\", \"Status\", \"Active\", \"Config\": {\"Driver\", \"Nodes\": [...]}}]}")
    static final class ListProfiles implements Callable<Integer> {
        @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (the default) or json")
        String output = "table";

        @Override
        public Integer call() {
            if (!output.equals("table") && !output.equals("json")) {
                System.err.println("kubik: -o " + output + " is not a format: table or json");
                return ExitCodes.INVALID;
            }
            System.out.print(output.equals("json") ? ProfileList.json(Main.service()) : ProfileList.table(Main.service()));
            return ExitCodes.OK;
        }
    }

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the profile to make current")
    String name;

    @Override
    public Integer call() {
        ClusterService service = Main.service();
        if (name == null) {
            System.out.println(service.currentProfile().orElse(Defaults.PROFILE));
            return ExitCodes.OK;
        }
        if (!SpecValidator.isName(name)) {
            System.err.println("kubik: '" + name + "' is not a profile name: " + SpecValidator.NAME_RULE);
            return ExitCodes.INVALID;
        }
        service.makeCurrent(name);
        boolean exists = service.exists(name);
        System.out.println("Current profile: " + name + (exists ? "" : " (no such cluster yet: 'kubik run' or 'kubik start -p " + name + "' makes it)"));
        return ExitCodes.OK;
    }
}
