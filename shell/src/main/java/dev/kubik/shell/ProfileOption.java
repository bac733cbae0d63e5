package dev.kubik.shell;

import picocli.CommandLine.Option;

/** {@code -p/--profile}: which cluster a command acts on. */
public final class ProfileOption {
    @Option(names = {"-p", "--profile"}, description = "the cluster (default: kubik, or the script's cluster name)")
    String profile;

    public String orDefault() {
        return profile != null ? profile : dev.kubik.dsl.model.Defaults.PROFILE;
    }
}
