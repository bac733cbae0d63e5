package dev.kubik.shell;

import dev.kubik.model.Defaults;
import dev.kubik.engine.ClusterService;
import picocli.CommandLine.Option;

/** {@code -p/--profile}: which cluster a command acts on. */
public final class ProfileOption {
    @Option(names = {"-p", "--profile"}, description = "the cluster (default: the current profile, see kubik profile)")
    String profile;

    /** For commands on an existing cluster: -p, else the current profile, else the only cluster, else kubik. */
    public String orDefault() {
        if (profile != null) return profile;
        return ClusterService.currentProfileIn(Main.home()).orElse(Defaults.PROFILE);
    }

    /**
     * For scripts: -p names the profile of an unnamed {@code cluster { }}; otherwise it is kubik, whatever is
     * current, so that a script means the same cluster on every machine and every replay.
     */
    public String forScript() {
        return profile != null ? profile : Defaults.PROFILE;
    }
}
