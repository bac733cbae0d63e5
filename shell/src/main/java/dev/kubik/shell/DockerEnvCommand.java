package dev.kubik.shell;

import dev.kubik.engine.ClusterService;
import dev.kubik.engine.ssh.KnownHosts;
import dev.kubik.spi.HostOs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kubik docker-env}, as {@code minikube docker-env}: the lines that point a shell's docker client at a node's
 * dockerd (runtime 'docker'), over TLS with kubik's CA or, with {@code --ssh-host}, through the node's sshd:
 * {@code eval $(kubik docker-env)}; {@code --unset} undoes it.
 * Values are quoted for the shell they are for, so a home directory with spaces or quotes stays one value.
 */
@Command(name = "docker-env", description = "Prints the lines that point docker at a node's dockerd: eval $(kubik docker-env [-p PROFILE] [--shell bash|zsh|fish|powershell|cmd] [--ssh-host [--ssh-add]])")
final class DockerEnvCommand implements Callable<Integer> {
    /** kubik's counterpart of minikube's MINIKUBE_ACTIVE_DOCKERD: which cluster's dockerd the shell points at. */
    static final String ACTIVE = "KUBIK_ACTIVE_DOCKERD";
    private static final String[] NAMES = {"DOCKER_TLS_VERIFY", "DOCKER_HOST", "DOCKER_CERT_PATH", ACTIVE};

    enum Shell { bash, zsh, sh, fish, powershell, cmd }

    @Option(names = "--shell", description = "the shell the lines are for: ${COMPLETION-CANDIDATES} (default: $SHELL's, powershell on Windows)")
    Shell shell;

    @Option(names = {"-u", "--unset"}, description = "print the lines that undo it")
    boolean unset;

    @Mixin
    NodeOption node;

    @Option(names = "--ssh-host", description = "docker's ssh:// host through the node's sshd instead of TLS on 2376: works wherever "
            + "kubik ssh does; needs the node's key in ~/.ssh/known_hosts (kubik ssh-host --append-known) and kubik's key in ssh-agent (--ssh-add)")
    boolean sshHost;

    @Option(names = "--ssh-add", description = "with --ssh-host: add kubik's key to ssh-agent, starting one (its variables printed too) when the shell has none")
    boolean sshAdd;

    @Mixin
    ProfileOption profile;

    @Override
    public Integer call() throws InterruptedException {
        Shell target = shell != null ? shell : detected();
        String cluster = profile.orDefault();
        if (unset) {
            for (String name : NAMES) System.out.println(unsetLine(target, name));
            return ExitCodes.OK;
        }
        if (sshAdd && !sshHost) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--ssh-add goes with --ssh-host");
        Map<String, String> values = sshHost ? sshValues(cluster) : tlsValues(cluster);
        values.forEach((name, value) -> System.out.println(setLine(target, name, value)));
        System.out.println();
        String self = "kubik -p " + cluster + " docker-env" + (sshHost ? " --ssh-host" : "");
        System.out.println(switch (target) {
            case fish -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# " + self + " --shell fish | source";
            case powershell -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# & " + self + " --shell powershell | Invoke-Expression";
            case cmd -> "REM To point your shell at the dockerd of '" + cluster + "', run:\nREM @FOR /f \"tokens=*\" %i IN ('" + self + " --shell cmd') DO @%i";
            default -> "# To point your shell at the dockerd of '" + cluster + "', run:\n# eval $(" + self + ")";
        });
        return ExitCodes.OK;
    }

    private Map<String, String> tlsValues(String cluster) {
        ClusterService.DockerEnv env = Main.service().dockerEnv(cluster, node.orPrimary());
        if (env.configured()) System.err.println("kubik: dockerd on " + env.machine() + " now serves TLS on its address (restarted once)");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DOCKER_TLS_VERIFY", "1");
        values.put("DOCKER_HOST", env.host());
        values.put("DOCKER_CERT_PATH", env.certPath().toString());
        values.put(ACTIVE, cluster);
        return values;
    }

    /** minikube's --ssh-host lines: DOCKER_HOST=ssh://USER@HOST:PORT, and an agent's variables when --ssh-add started one. */
    private Map<String, String> sshValues(String cluster) throws InterruptedException {
        ClusterService.Login login = Main.service().dockerLogin(cluster, node.orPrimary());
        if (!KnownHosts.holds(KnownHosts.userFile(), login.endpoint(), login.pinnedHostKey())) {
            // ssh asks before trusting an unknown key, and docker's ssh has no terminal to ask on: it would just fail.
            System.err.println("kubik: " + KnownHosts.userFile() + " does not hold the host key of " + KnownHosts.name(login.endpoint())
                    + ", so docker's ssh will refuse it; kubik -p " + cluster + " ssh-host" + (node.orPrimary() != null ? " -n " + node.orPrimary() : "") + " --append-known adds it");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String host = login.endpoint().host().contains(":") ? "[" + login.endpoint().host() + "]" : login.endpoint().host();
        values.put("DOCKER_HOST", "ssh://" + login.user() + "@" + host + ":" + login.endpoint().port());
        values.put(ACTIVE, cluster);
        if (sshAdd) values.putAll(SshAgent.add(login.identity()));
        return values;
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
