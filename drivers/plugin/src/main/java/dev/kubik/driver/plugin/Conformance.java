package dev.kubik.driver.plugin;

import dev.kubik.driver.plugin.v1.Descriptor;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.PluginConformance;
import dev.kubik.spi.Reporter;
import dev.kubik.spi.SettingProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The plugin conformance suite: the handshake, Describe, Status and Validate, then a two-machine cluster made
 * as kubik makes one (both Creates at once), logged into with the pinned host keys, created again, stopped,
 * started, resized where the plugin says it can, and removed; a failed call's message and fix; the plugin's exit
 * when its stdin closes. Every call goes through the same code kubik's runs use, with the same deadlines.
 */
public final class Conformance implements PluginConformance {
    static final String CLUSTER = "kubik-conformance";
    private static final List<String> MACHINES = List.of(CLUSTER, CLUSTER + "-m02");

    @Override
    public Path resolve(String plugin) {
        if (plugin.contains("/") || plugin.contains(java.io.File.separator)) {
            Path path = Path.of(plugin).toAbsolutePath();
            if (!java.nio.file.Files.isExecutable(path)) throw new DriverException(path + " is not an executable file", null);
            return path;
        }
        String name = plugin.startsWith(PluginFiles.PREFIX) ? PluginFiles.driverName(Path.of(plugin)) : plugin;
        Path found = PluginFiles.find().get(name);
        if (found == null) {
            throw new DriverException("no plugin " + PluginFiles.PREFIX + name + " in " + PluginFiles.pluginsDir() + " or on PATH",
                    "give its path, or install it there");
        }
        return found;
    }

    @Override
    public List<Check> run(Path executable, Path home, String publicKey, Path privateKey, Login login, Consumer<Check> report) {
        Suite suite = new Suite(executable, DriverContext.local(home, Reporter.SILENT), publicKey, privateKey, login, report);
        try {
            suite.all();
        } finally {
            suite.cleanUp();
        }
        return suite.checks;
    }

    /** A check's body; what it returns is the detail shown beside "passed". */
    @FunctionalInterface
    private interface Body {
        String run() throws Exception;
    }

    private static final class Suite {
        final Path executable;
        final DriverContext context;
        final String publicKey;
        final Path privateKey;
        final Login login;
        final Consumer<Check> report;
        final List<Check> checks = new ArrayList<>();
        final Map<String, MachineRef> made = new LinkedHashMap<>();
        final Map<String, CreatedMachine> created = new LinkedHashMap<>();
        PluginDescriptor descriptor;
        ClusterNetwork network;
        boolean networkMade;

        Suite(Path executable, DriverContext context, String publicKey, Path privateKey, Login login, Consumer<Check> report) {
            this.executable = executable;
            this.context = context;
            this.publicKey = publicKey;
            this.privateKey = privateKey;
            this.login = login;
            this.report = report;
        }

        void all() {
            check("run by hand, it says it is a kubik plugin and exits", this::byHand);
            if (!check("handshake: one line on stdout, protocol " + PluginProcess.PROTOCOL_VERSION, this::handshake)) return;
            if (!check("Describe: a name matching the executable, this protocol, OSes, a priority, options with valid defaults",
                    this::describe)) return;
            if (!check("Status answers, healthy", this::status)) return;
            check("Validate answers for the schema's defaults and 2 nodes", this::validate);
            if (!check("EnsureNetwork makes the cluster's network", this::ensureNetwork)) return;
            if (!check("Create: two machines at once, each with an address and an SSH login", this::createBoth)) return;
            check("SSH: kubik logs into each machine with its host key pinned", () -> loginAll("after Create"));
            check("State of each: RUNNING", () -> states(MachineState.RUNNING));
            check("MachinesOf lists both, found without kubik's state", this::machinesOf);
            check("Create again of a machine that exists (kubik retries an interrupted Create): it works after", this::createAgain);
            check("Stop: the machine is STOPPED", () -> {
                PluginCalls.stop(executable, made.get(MACHINES.get(1)), context);
                return expectState(MACHINES.get(1), MachineState.STOPPED);
            });
            check("Start: RUNNING again, and SSH answers", () -> {
                String name = MACHINES.get(1);
                made.put(name, PluginCalls.start(executable, made.get(name), context));
                expectState(name, MachineState.RUNNING);
                return loginOne(name);
            });
            resize();
            check("Remove: both machines go (State MISSING, MachinesOf empty), and removing again is no error", this::removeAll);
            check("a failed call (Start of a removed machine) has a message, and a fix in printable ASCII or none",
                    this::failedCall);
            check("RemoveNetwork, twice: a missing network is no error", this::removeNetwork);
            check("closing its stdin makes the plugin exit within 5 s", this::stdinClose);
        }

        /** Runs one check, reports it; false when it failed. */
        boolean check(String name, Body body) {
            Check check;
            try {
                String detail = body.run();
                check = Check.passed(name, detail == null ? "" : detail);
            } catch (DriverException e) {
                check = Check.failed(name, e.getMessage() + (e.fix() == null ? "" : " (fix: " + e.fix() + ")"));
            } catch (Exception | AssertionError e) {
                check = Check.failed(name, String.valueOf(e.getMessage()));
            }
            record(check);
            return check.outcome() != Check.Outcome.FAILED;
        }

        void record(Check check) {
            checks.add(check);
            report.accept(check);
        }

        String byHand() throws IOException, InterruptedException {
            Process process = new ProcessBuilder(executable.toString()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("it kept running without " + PluginProcess.COOKIE + "=" + PluginProcess.COOKIE_VALUE);
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() == 0) throw new AssertionError("it exited with status 0 (a plugin run by hand fails)");
            if (said.isEmpty()) throw new AssertionError("it said nothing (it should say it is a kubik plugin)");
            return "exit " + process.exitValue() + ": " + said.lines().findFirst().orElse("");
        }

        String handshake() {
            long start = System.nanoTime();
            String endpoint = PluginProcesses.of(executable).endpoint();
            return "in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, on " + endpoint;
        }

        String describe() {
            Descriptor raw = PluginCalls.describeRaw(executable);
            descriptor = Protos.descriptor(raw); // checks every option's default against its type
            String suffix = PluginFiles.driverName(executable);
            if (!descriptor.name().equals(suffix)) {
                throw new AssertionError("its name is '" + descriptor.name() + "'; the executable says '" + suffix + "'");
            }
            if (raw.getProtocolVersion() != PluginProcess.PROTOCOL_VERSION) {
                throw new AssertionError("it says protocol " + raw.getProtocolVersion() + "; this kubik speaks " + PluginProcess.PROTOCOL_VERSION);
            }
            if (descriptor.supportedOn().isEmpty()) throw new AssertionError("it names no OS it runs on (supported_on)");
            if (descriptor.priority() == dev.kubik.spi.Priority.UNKNOWN) throw new AssertionError("it sets no priority");
            for (PluginDescriptor.Option option : descriptor.options()) {
                if (option.type() == null) throw new AssertionError("option " + option.name() + " has no type");
                if (option.defaultValue() != null && !option.type().accepts(option.defaultValue())) {
                    throw new AssertionError("option " + option.name() + "'s default " + option.defaultValue() + " is not " + option.type().description());
                }
            }
            return "'" + descriptor.name() + "', " + descriptor.options().size() + " option(s), capabilities "
                    + descriptor.resizableInPlace() + " " + descriptor.capabilities();
        }

        String status() {
            DriverStatus status = PluginCalls.status(executable);
            if (!status.healthy()) {
                throw new AssertionError("unhealthy: " + status.error() + (status.fix() == null ? "" : " (fix: " + status.fix() + ")")
                        + "; the machine checks need a healthy plugin");
            }
            return status.version();
        }

        Map<String, Object> options() {
            return descriptor.schema().withDefaults(Map.of());
        }

        String validate() {
            List<SettingProblem> problems = PluginCalls.validate(executable, options(), MACHINES.size());
            if (!problems.isEmpty()) throw new AssertionError("it refuses its own defaults: " + problems);
            return "";
        }

        String ensureNetwork() {
            network = PluginCalls.ensureNetwork(executable, CLUSTER, options());
            networkMade = true;
            return network == null || network.name().isBlank() ? "no network (the driver has none)" : network.name();
        }

        MachineConfig config(String name, int cpus) {
            int index = MACHINES.indexOf(name);
            return new MachineConfig(CLUSTER, name, index == 0 ? "control-plane" : "worker", index, cpus, 1024, 4096,
                    options(), List.of(), List.of(), network, publicKey);
        }

        String createBoth() {
            List<CompletableFuture<CreatedMachine>> creating = MACHINES.stream()
                    .map(name -> CompletableFuture.supplyAsync(() -> PluginCalls.create(executable, config(name, 1), context))).toList();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < MACHINES.size(); i++) {
                String name = MACHINES.get(i);
                try {
                    remember(name, creating.get(i).join());
                } catch (java.util.concurrent.CompletionException e) {
                    made.putIfAbsent(name, MachineRef.named(name)); // removed at the end all the same
                    failures.add(name + ": " + e.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) throw new AssertionError(String.join("; ", failures));
            return String.join(", ", created.values().stream().map(c -> c.ssh().user() + "@" + c.ssh().endpoint()
                    + (c.hostKeys().isEmpty() ? " (no host key: pinned on first contact)" : "")).toList());
        }

        void remember(String name, CreatedMachine machine) {
            made.put(name, new MachineRef(name, machine.state()));
            created.put(name, machine);
            if (machine.ssh() == null || machine.ssh().endpoint() == null || machine.ssh().endpoint().port() <= 0) {
                throw new AssertionError(name + " came back without an SSH endpoint");
            }
            if (machine.ssh().user() == null || machine.ssh().user().isBlank()) throw new AssertionError(name + " came back without an SSH user");
            for (String key : machine.hostKeys()) {
                if (!key.matches("(ssh|ecdsa-sha2)-[a-z0-9-]+ [A-Za-z0-9+/=]+")) {
                    throw new AssertionError(name + "'s host key is not 'TYPE BASE64': " + key);
                }
            }
        }

        String loginAll(String when) throws Exception {
            List<String> answers = new ArrayList<>();
            for (String name : MACHINES) answers.add(loginOne(name));
            return String.join(", ", answers) + " " + when;
        }

        String loginOne(String name) throws Exception {
            CreatedMachine machine = created.get(name);
            PluginCalls.Address address = PluginCalls.address(executable, made.get(name));
            String out = login.run(name, address.ssh(), machine.hostKeys(), privateKey, "hostname").strip();
            if (out.isEmpty()) throw new AssertionError(name + " answered SSH but 'hostname' printed nothing");
            return name + " is " + out;
        }

        String states(MachineState expected) {
            for (String name : MACHINES) expectState(name, expected);
            return "";
        }

        String expectState(String name, MachineState expected) {
            MachineState state = PluginCalls.state(executable, made.get(name));
            if (state != expected) throw new AssertionError(name + " is " + state + ", not " + expected);
            return "";
        }

        String machinesOf() {
            List<String> listed = PluginCalls.machinesOf(executable, CLUSTER);
            if (!listed.containsAll(MACHINES)) throw new AssertionError("it lists " + listed + ", not " + MACHINES);
            return String.join(", ", listed);
        }

        String createAgain() throws Exception {
            String name = MACHINES.get(0);
            remember(name, PluginCalls.create(executable, config(name, 1), context));
            return loginOne(name);
        }

        void resize() {
            String name = MACHINES.get(0);
            if (!descriptor.resizableInPlace().contains("cpus") && !descriptor.resizableInPlace().contains("memory")) {
                record(Check.skipped("Resize in place", "it declares no RESIZE_CPUS or RESIZE_MEMORY (kubik recreates machines)"));
                return;
            }
            check("Resize in place of what it declares, and the machine still answers", () -> {
                made.put(name, PluginCalls.resize(executable, config(name, 2), made.get(name), context));
                expectState(name, MachineState.RUNNING);
                return loginOne(name);
            });
        }

        String removeAll() {
            for (String name : MACHINES) {
                PluginCalls.remove(executable, made.get(name), context);
                PluginCalls.remove(executable, made.get(name), context);
            }
            states(MachineState.MISSING);
            List<String> left = PluginCalls.machinesOf(executable, CLUSTER);
            if (!left.isEmpty()) throw new AssertionError("MachinesOf still lists " + left);
            made.clear();
            return "";
        }

        String failedCall() {
            try {
                PluginCalls.start(executable, MachineRef.named(MACHINES.get(1)), context);
            } catch (DriverException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) throw new AssertionError("it failed without a message");
                if (FixTrailer.REFUSED.equals(e.fix())) throw new AssertionError("its kubik-fix trailer is not printable ASCII");
                return e.getMessage() + (e.fix() == null ? " (no fix)" : " (fix: " + e.fix() + ")");
            }
            throw new AssertionError("Start of a machine that was removed succeeded");
        }

        String removeNetwork() {
            PluginCalls.removeNetwork(executable, CLUSTER);
            PluginCalls.removeNetwork(executable, CLUSTER);
            networkMade = false;
            return "";
        }

        String stdinClose() throws InterruptedException {
            PluginProcess plugin = PluginProcesses.of(executable);
            boolean exited = plugin.closeInput(java.time.Duration.ofSeconds(5));
            PluginProcesses.stop(plugin);
            if (!exited) throw new AssertionError("it was still running 5 s after kubik closed its stdin (kubik then kills it)");
            return "";
        }

        /** Whatever failed, nothing the suite made is left. */
        void cleanUp() {
            for (MachineRef machine : made.values()) {
                try {
                    PluginCalls.remove(executable, machine, context);
                } catch (RuntimeException ignored) {
                    // Reported by the check that failed.
                }
            }
            if (networkMade) {
                try {
                    PluginCalls.removeNetwork(executable, CLUSTER);
                } catch (RuntimeException ignored) {
                    // As above.
                }
            }
            PluginProcesses.stopAll();
        }
    }
}
