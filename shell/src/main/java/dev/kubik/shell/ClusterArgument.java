package dev.kubik.shell;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The cluster a command on one cluster acts on, named either way, as every such command takes it:
 * {@code kubik stop dev} or {@code kubik stop -p dev} (minikube's form).
 */
public final class ClusterArgument {
    @Parameters(arity = "0..1", paramLabel = "PROFILE", description = "the cluster (default: the current profile, see kubik profile)")
    String name;

    @Mixin
    ProfileOption option;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The named cluster, else the current profile, else kubik; two different names are refused. */
    public String orDefault() {
        return explicit().orDefault();
    }

    /** As a -p option, for commands that hand the profile on (kubik start with minikube's flags builds a script). */
    ProfileOption explicit() {
        if (name == null) return option;
        if (option.profile != null && !option.profile.equals(name)) {
            throw new ParameterException(command.commandLine(), "two clusters named: '" + name + "' and -p '"
                    + option.profile + "'; name one");
        }
        ProfileOption named = new ProfileOption();
        named.profile = name;
        return named;
    }
}
