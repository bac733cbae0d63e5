package dev.kubik.shell;

import dev.kubik.dsl.lang.DslSession;
import dev.kubik.model.Defaults;
import dev.kubik.plan.MachineRecord;
import dev.kubik.engine.ClusterService;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.DriverException;
import groovy.lang.Closure;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Functions scripts and the console can call besides the DSL: {@code status()}, {@code warn('text')}, {@code stop('dev')},
 * {@code start('dev')}, {@code delete('dev')}, {@code nodes('dev')}, {@code ssh('dev', node: 'm02') { 'uname -a' }},
 * {@code snapshot('dev', 'before-upgrade')} and {@code restore('dev', 'before-upgrade')} (etcd snapshots)
 * (returns the output) and {@code kubectl('get nodes')} (the real kubectl, on the profile's context). They are
 * closures in the session's binding, so the DSL module knows nothing of them. When plans are not applied
 * (--dry-run), the ones that change clusters or run commands only say what they would do. In an untrusted script
 * kubectl only reads (see {@link UntrustedKubectl}): it runs on the host.
 */
public final class Builtins {
    private Builtins() {
    }

    public static void install(DslSession session, ClusterService service, PrintStream out, PrintStream err, boolean applying) {
        var binding = session.binding();
        binding.setVariable("warn", function(args -> {
            err.println("warning: " + String.join(" ", java.util.Arrays.stream(args).map(String::valueOf).toList()));
            return null;
        }));
        binding.setVariable("status", function(args -> {
            String profile = profile(args, 0);
            StringBuilder table = new StringBuilder();
            for (ClusterService.NodeStatus node : service.status(profile)) {
                table.append(node.name()).append(' ').append(node.role()).append(' ').append(node.state().displayName())
                        .append(' ').append(node.ip()).append('\n');
            }
            return table.toString();
        }));
        binding.setVariable("nodes", function(args -> service.state(profile(args, 0))
                .map(s -> s.machines().stream().map(MachineRecord::name).sorted().toList()).orElse(List.of())));
        binding.setVariable("stop", mutating("stop", applying, out, service::stop));
        binding.setVariable("start", mutating("start", applying, out, service::start));
        binding.setVariable("delete", mutating("delete", applying, out, service::delete));
        binding.setVariable("snapshot", function(args -> {
            String[] target = snapshotArguments("snapshot", args);
            if (!applying) {
                out.println("(dry run) would save etcd snapshot " + target[1] + " of cluster '" + target[0] + "'");
                return null;
            }
            var saved = service.snapshots().save(target[0], target[1]);
            out.println("Saved etcd snapshot " + saved.name() + " of cluster '" + target[0] + "' (" + saved.bytes() + " bytes, Kubernetes "
                    + saved.kubernetesVersion() + ")");
            return saved.name();
        }));
        binding.setVariable("restore", function(args -> {
            String[] target = snapshotArguments("restore", args);
            if (!applying) {
                out.println("(dry run) would restore etcd snapshot " + target[1] + " into cluster '" + target[0] + "'");
                return null;
            }
            service.snapshots().restore(target[0], target[1]);
            out.println("Restored etcd snapshot " + target[1] + " into cluster '" + target[0] + "'");
            return target[1];
        }));
        binding.setVariable("ssh", function(args -> {
            Map<?, ?> named = args.length > 0 && args[0] instanceof Map<?, ?> map ? map : Map.of();
            List<Object> rest = new ArrayList<>(Arrays.asList(args).subList(named.isEmpty() ? 0 : 1, args.length));
            Closure<?> body = !rest.isEmpty() && rest.get(rest.size() - 1) instanceof Closure<?> c ? c : null;
            if (body != null) rest.remove(rest.size() - 1);
            String command = body != null ? String.valueOf(body.call()) : rest.size() > 1 ? String.valueOf(rest.get(1)) : null;
            if (command == null) throw new DriverException("ssh needs a command: ssh('dev') { 'uname -a' }", null);
            String profile = rest.isEmpty() ? Defaults.PROFILE : String.valueOf(rest.get(0));
            Object node = named.get("node");
            if (!applying) {
                out.println("(dry run) would run '" + command + "' on " + (node == null ? profile : profile + " node " + node));
                return "";
            }
            // The command is one string the user wrote for a shell; it runs as `sh -c` with that one argument.
            CommandResult result = service.ssh(profile, node == null ? null : node.toString(), List.of("sh", "-c", command),
                    Duration.ofMinutes(10));
            if (!result.ok()) {
                throw new DriverException("'" + command + "' on " + profile + " exited " + result.exitStatus() + ": "
                        + result.stderr().strip(), null);
            }
            return result.stdout().strip();
        }));
        binding.setVariable("kubectl", function(args -> {
            if (args.length < 1) throw new DriverException("kubectl needs arguments: kubectl('get nodes')", null);
            List<String> command = new ArrayList<>(List.of("kubectl"));
            if (args.length > 1) command.addAll(List.of("--context", String.valueOf(args[1])));
            List<String> words = Arrays.asList(String.valueOf(args[0]).trim().split("\\s+"));
            if (!session.trusted()) UntrustedKubectl.check(words);
            command.addAll(words);
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes()).strip();
                if (process.waitFor() != 0) throw new DriverException(String.join(" ", command) + " failed: " + output, null);
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException("kubectl is not installed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException("interrupted", null, e);
            }
        }));
    }

    /** The cluster and the snapshot name: ('dev', 'name'), or ('name') for the default cluster. */
    private static String[] snapshotArguments(String verb, Object[] args) {
        if (args.length == 2) return new String[]{String.valueOf(args[0]), String.valueOf(args[1])};
        if (args.length == 1) return new String[]{Defaults.PROFILE, String.valueOf(args[0])};
        throw new DriverException(verb + " takes a cluster and a snapshot name", verb + "('dev', 'before-upgrade')");
    }

    private static String profile(Object[] args, int index) {
        return args.length > index ? String.valueOf(args[index]) : Defaults.PROFILE;
    }

    private static Closure<Object> mutating(String verb, boolean applying, PrintStream out,
                                            java.util.function.Consumer<String> action) {
        return function(args -> {
            String profile = profile(args, 0);
            if (!applying) {
                out.println("(dry run) would " + verb + " cluster '" + profile + "'");
                return null;
            }
            action.accept(profile);
            return null;
        });
    }

    /** A function for a session's binding: scripts call it as name(args). */
    public static Closure<Object> function(Function<Object[], Object> body) {
        return new Closure<Object>(null) {
            @SuppressWarnings("unused")
            public Object doCall(Object... args) {
                return body.apply(args);
            }
        };
    }
}
