package dev.kubik.shell;

import dev.kubik.spi.DriverException;
import dev.kubik.spi.HostOs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's ssh-agent, for tools that log in with the system's ssh and take no key of their own (docker's ssh://
 * hosts): kubik's key is added to the agent the shell has, or to a new one whose variables the shell must then get.
 */
final class SshAgent {
    private static final Pattern VARIABLE = Pattern.compile("(SSH_AUTH_SOCK|SSH_AGENT_PID)=([^;\\n]+);");

    private SshAgent() {
    }

    /**
     * Adds {@code identity} to the agent at SSH_AUTH_SOCK, starting one first where there is none (Windows' agent is
     * a service ssh-add finds itself). Returns the variables of an agent started here, for the shell; ssh-add's own
     * words go to standard error, away from the lines a shell evaluates.
     */
    static Map<String, String> add(Path identity) throws InterruptedException {
        Map<String, String> started = new LinkedHashMap<>();
        String socket = System.getenv("SSH_AUTH_SOCK");
        if (HostOs.current() != HostOs.WINDOWS && (socket == null || socket.isBlank())) {
            String said = output(List.of("ssh-agent", "-s"), Map.of());
            Matcher m = VARIABLE.matcher(said);
            while (m.find()) started.put(m.group(1), m.group(2));
            if (!started.containsKey("SSH_AUTH_SOCK")) {
                throw new DriverException("ssh-agent started but did not say where it listens: " + said.strip(), "eval $(ssh-agent -s), then run this again");
            }
        }
        Map<String, String> env = started.isEmpty() ? Map.of() : Map.of("SSH_AUTH_SOCK", started.get("SSH_AUTH_SOCK"));
        ProcessBuilder add = new ProcessBuilder("ssh-add", identity.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        add.environment().putAll(env);
        int exit = run(add);
        if (exit != 0) {
            throw new DriverException("ssh-add " + identity + " failed (exit " + exit + ")", "its words above say why; is ssh-agent running (eval $(ssh-agent -s))?");
        }
        return started;
    }

    private static String output(List<String> command, Map<String, String> env) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            return out;
        } catch (IOException e) {
            throw new DriverException("cannot run " + command.get(0) + ": " + e.getMessage(), "install OpenSSH's client (ssh-agent, ssh-add)");
        }
    }

    private static int run(ProcessBuilder builder) throws InterruptedException {
        try {
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new DriverException("cannot run " + builder.command().get(0) + ": " + e.getMessage(), "install OpenSSH's client (ssh-agent, ssh-add)");
        }
    }
}
