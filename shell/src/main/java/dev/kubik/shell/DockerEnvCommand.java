package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.spi.HostOs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik docker-env}, as {@code minikube docker-env}: the lines that point a shell's docker client at a node's
 * dockerd (runtime 'docker'), over TLS with kubik's CA: {@code eval $(kubik docker-env)}; {@code --unset} undoes it.
 * Values are quoted for the shell they are for, so a home directory with spaces or quotes stays one value.
 */
@Command(name = "docker-env", description = "Prints the lines that point docker at a node's dockerd: eval $(kubik docker-env [-p PROFILE] [--shell bash|zsh|fish|powershell|cmd])")
final class DockerEnvCommand implements Callable<Integer> {
    /** kubik's counterpart of minikube's MINIKUBE_ACTIVE_DOCKERD: which cluster's dockerd the shell points at. */
    static final String ACTIVE = "KUBIK_ACTIVE_DOCKERD";
    private static final String[] NAMES = {"DOCKER_TLS_VERIFY", "DOCKER_HOST", "DOCKER_CERT_PATH", ACTIVE};

    enum Shell { bash, zsh, sh, fish, powershell, cmd }

    @Option(names = "--shell", description = "the shell the lines are for: ${COMPLETION-CANDIDATES} (default: $SHELL's, powershell on Windows)")
    Shell shell;

    @Option(names = {"-u", "--unset"}, description = "print the lines that undo it")
    boolean unset;

    @Option(names = {"-n", "--node"}, description = "node name (m02, or the full machine name); default: the primary")
    String node;

    @Mixin
    ProfileOption profile;

    @Override
    public Integer call() {
        Shell target = shell != null ? shell : detected();
        String cluster = profile.orDefault();
        if (unset) {
            for (String name : NAMES) System.out.println(unsetLine(target, name));
            return ExitCodes.OK;
        }
        ClusterService.DockerEnv env = Main.service().dockerEnv(cluster, node);
        if (env.configured()) System.err.println("kubik: dockerd on " + env.machine() + " now serves TLS on its address (restarted once)");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DOCKER_TLS_VERIFY", "1");
        values.put("DOCKER_HOST", env.host());
        values.put("DOCKER_CERT_PATH", env.certPath().toString());
        values.put(ACTIVE, cluster);
        values.forEach((name, value) -> System.out.println(setLine(target, name, value)));
        System.out.println();
        String self = "kubik -p " + cluster + " docker-env";
        System.out.println(switch (target) {
            case fish -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# " + self + " --shell fish | source";
            case powershell -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# & " + self + " --shell powershell | Invoke-Expression";
            case cmd -> "REM To point your shell at the dockerd of '" + cluster + "', run:\nREM @FOR /f \"tokens=*\" %i IN ('" + self + " --shell cmd') DO @%i";
            default -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# eval $(" + self + ")";
        });
        return ExitCodes.OK;
    }

    private static Shell detected() {
        if (HostOs.current() == HostOs.WINDOWS) return Shell.powershell;
        String login = System.getenv("SHELL");
        return login != null && login.endsWith("/fish") ? Shell.fish : login != null && login.endsWith("/zsh") ? Shell.zsh : Shell.bash;
    }

    static String setLine(Shell shell, String name, String value) {
        return switch (shell) {
            case fish -> "set -gx " + name + " '" + value.replace("\\", "\\\\").replace("'", "\\'") + "';";
            case powershell -> "$Env:" + name + " = '" + value.replace("'", "''") + "'";
            case cmd -> "SET " + name + "=" + value.replaceAll("([&|<>^])", "^$1");
            default -> "export " + name + "='" + value.replace("'", "'\\''") + "'";
        };
    }

    static String unsetLine(Shell shell, String name) {
        return switch (shell) {
            case fish -> "set -e " + name + ";";
            case powershell -> "Remove-Item Env:\\" + name + " -ErrorAction SilentlyContinue";
            case cmd -> "SET " + name + "=";
            default -> "unset " + name + ";";
        };
    }
}
