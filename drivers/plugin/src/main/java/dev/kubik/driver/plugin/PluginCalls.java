package dev.kubik.driver.plugin;

import dev.kubik.driver.plugin.v1.ClusterRequest;
import dev.kubik.driver.plugin.v1.CreateEvent;
import dev.kubik.driver.plugin.v1.CreateRequest;
import dev.kubik.driver.plugin.v1.CreatedMachine;
import dev.kubik.driver.plugin.v1.MachineAddress;
import dev.kubik.driver.plugin.v1.MachineEvent;
import dev.kubik.driver.plugin.v1.MachineRequest;
import dev.kubik.driver.plugin.v1.NetworkRequest;
import dev.kubik.driver.plugin.v1.Progress;
import dev.kubik.driver.plugin.v1.ResizeRequest;
import dev.kubik.driver.plugin.v1.StatusRequest;
import dev.kubik.driver.plugin.v1.ValidateRequest;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.SettingProblem;
import dev.kubik.spi.SshAccess;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The driver operations as calls to a plugin. Everything gRPC is here, so a kubik run that uses no plugin never
 * loads it. Progress events become the reporter's lines; a failed call becomes a DriverException with the
 * plugin's fix, or, when the plugin died, its exit status and last lines of output.
 */
final class PluginCalls {
    static final Metadata.Key<String> FIX = Metadata.Key.of("kubik-fix", Metadata.ASCII_STRING_MARSHALLER);
    private static final long UNARY_SECONDS = 60;
    private static final long MACHINE_MINUTES = 30;

    private PluginCalls() {
    }

    static DriverStatus status(Path executable) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return Protos.status(call(plugin, "Status", () -> plugin.stub().withDeadlineAfter(10, TimeUnit.SECONDS)
                .status(StatusRequest.getDefaultInstance())));
    }

    static List<SettingProblem> validate(Path executable, Map<String, Object> options, int nodes) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return call(plugin, "Validate", () -> plugin.stub().withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS)
                .validate(ValidateRequest.newBuilder().setOptionsJson(Protos.json(options)).setNodes(nodes).build()))
                .getProblemsList().stream().map(p -> new SettingProblem(p.getSetting(), p.getMessage(), p.getFix().isBlank() ? null : p.getFix()))
                .toList();
    }

    static ClusterNetwork ensureNetwork(Path executable, String cluster, Map<String, Object> options) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return Protos.network(call(plugin, "EnsureNetwork", () -> plugin.stub().withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES)
                .ensureNetwork(NetworkRequest.newBuilder().setCluster(cluster).setOptionsJson(Protos.json(options)).build())));
    }

    static void removeNetwork(Path executable, String cluster) {
        PluginProcess plugin = PluginProcesses.of(executable);
        call(plugin, "RemoveNetwork", () -> plugin.stub().withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES)
                .removeNetwork(NetworkRequest.newBuilder().setCluster(cluster).setOptionsJson("{}").build()));
    }

    static dev.kubik.spi.CreatedMachine create(Path executable, MachineConfig config, DriverContext context) {
        PluginProcess plugin = PluginProcesses.of(executable);
        CreatedMachine created = call(plugin, "Create of " + config.name(), () -> {
            Iterator<CreateEvent> events = plugin.stub().withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES)
                    .create(CreateRequest.newBuilder().setConfig(Protos.config(config)).build());
            while (events.hasNext()) {
                CreateEvent event = events.next();
                if (event.hasProgress()) say(event.getProgress(), context);
                if (event.hasCreated()) return event.getCreated();
            }
            throw new DriverException("plugin " + executable.getFileName() + " ended Create of " + config.name() + " without a machine",
                    "a plugin's Create stream ends with a CreatedMachine event");
        });
        return new dev.kubik.spi.CreatedMachine(created.getIp(), new SshAccess(created.getSshUser(),
                Protos.endpoint(created.getSsh()), null), created.getHostKeysList(), created.getStateMap());
    }

    static MachineRef resize(Path executable, MachineConfig config, MachineRef machine, DriverContext context) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return machineStream(plugin, "Resize of " + machine.name(), context, () -> plugin.stub()
                .withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES)
                .resize(ResizeRequest.newBuilder().setConfig(Protos.config(config)).setMachine(Protos.machine(machine)).build()));
    }

    static MachineRef start(Path executable, MachineRef machine, DriverContext context) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return machineStream(plugin, "Start of " + machine.name(), context, () -> plugin.stub()
                .withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES).start(request(machine)));
    }

    static void stop(Path executable, MachineRef machine, DriverContext context) {
        PluginProcess plugin = PluginProcesses.of(executable);
        call(plugin, "Stop of " + machine.name(), () -> {
            plugin.stub().withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES).stop(request(machine)).forEachRemaining(p -> say(p, context));
            return null;
        });
    }

    static void remove(Path executable, MachineRef machine, DriverContext context) {
        PluginProcess plugin = PluginProcesses.of(executable);
        call(plugin, "Remove of " + machine.name(), () -> {
            plugin.stub().withDeadlineAfter(MACHINE_MINUTES, TimeUnit.MINUTES).remove(request(machine)).forEachRemaining(p -> say(p, context));
            return null;
        });
    }

    static MachineState state(Path executable, MachineRef machine) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return Protos.state(call(plugin, "State of " + machine.name(), () -> plugin.stub()
                .withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS).state(request(machine))).getState());
    }

    /** The machine's addresses: ip, SSH login and endpoint, API server endpoint (or null). */
    record Address(String ip, SshAccess ssh, dev.kubik.spi.Endpoint apiServer) {
    }

    static Address address(Path executable, MachineRef machine) {
        PluginProcess plugin = PluginProcesses.of(executable);
        MachineAddress a = call(plugin, "Address of " + machine.name(), () -> plugin.stub()
                .withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS).address(request(machine)));
        return new Address(a.getIp(), new SshAccess(a.getSshUser(), Protos.endpoint(a.getSsh()), null),
                a.hasApiServer() ? Protos.endpoint(a.getApiServer()) : null);
    }

    static List<String> machinesOf(Path executable, String cluster) {
        PluginProcess plugin = PluginProcesses.of(executable);
        return call(plugin, "MachinesOf", () -> plugin.stub().withDeadlineAfter(UNARY_SECONDS, TimeUnit.SECONDS)
                .machinesOf(ClusterRequest.newBuilder().setCluster(cluster).build())).getNamesList();
    }

    private static MachineRequest request(MachineRef machine) {
        return MachineRequest.newBuilder().setMachine(Protos.machine(machine)).build();
    }

    private static MachineRef machineStream(PluginProcess plugin, String what, DriverContext context, Supplier<Iterator<MachineEvent>> call) {
        return call(plugin, what, () -> {
            Iterator<MachineEvent> events = call.get();
            while (events.hasNext()) {
                MachineEvent event = events.next();
                if (event.hasProgress()) say(event.getProgress(), context);
                if (event.hasMachine()) return Protos.ref(event.getMachine());
            }
            throw new DriverException("the plugin ended " + what + " without the machine's state", "a plugin's Start and Resize "
                    + "streams end with a Machine event");
        });
    }

    private static void say(Progress progress, DriverContext context) {
        if (progress.getLevel() == Progress.Level.WARN) context.reporter().warn(progress.getMessage());
        else context.reporter().info(progress.getMessage());
    }

    /** Runs a call; its failure says what the plugin said, or how the plugin died. */
    static <T> T call(PluginProcess plugin, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            // A plugin that died shows as an unavailable or cancelled call; its exit may lag the call by a moment.
            if (!plugin.alive() || (code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED) && plugin.exitsWithin(2)) {
                throw new DriverException(what + " failed: " + plugin.death(), "the plugin crashed: run again to retry; if it keeps "
                        + "crashing, report it to the plugin's authors with the lines above");
            }
            String fix = e.getTrailers() == null ? null : e.getTrailers().get(FIX);
            String message = e.getStatus().getDescription() != null ? e.getStatus().getDescription() : e.getStatus().getCode().toString();
            throw new DriverException(message, fix, e);
        }
    }
}
