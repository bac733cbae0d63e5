package dev.kubik.driver.plugin;

import dev.kubik.driver.plugin.v1.ClusterRequest;
import dev.kubik.driver.plugin.v1.CreateEvent;
import dev.kubik.driver.plugin.v1.CreateRequest;
import dev.kubik.driver.plugin.v1.CreatedMachine;
import dev.kubik.driver.plugin.v1.DescribeRequest;
import dev.kubik.driver.plugin.v1.Descriptor;
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
import dev.kubik.spi.Durations;
import dev.kubik.driver.plugin.PluginDeadlines.Rpc;
import dev.kubik.driver.plugin.v1.DriverGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The driver operations as calls to a plugin. Everything gRPC is here, so a kubik run that uses no plugin never
 * loads it. Every call has its method's deadline ({@link PluginDeadlines}). Progress events become the reporter's
 * lines, phases its timings; a failed call becomes a DriverException with the plugin's fix, or, when the plugin died
 * or let the deadline pass, its exit status or the deadline, and its last lines of output.
 */
final class PluginCalls {
    private PluginCalls() {
    }

    /** Asks a plugin what it is (for the descriptor cache); it keeps running for the calls that usually follow. */
    static PluginDescriptor describe(Path executable) {
        return Protos.descriptor(describeRaw(executable));
    }

    /** Describe's answer as the plugin sent it (the conformance suite checks fields kubik does not cache). */
    static Descriptor describeRaw(Path executable) {
        return call(executable, Rpc.DESCRIBE, "Describe", stub -> stub
                .describe(DescribeRequest.newBuilder().setProtocolVersion(PluginProcess.PROTOCOL_VERSION).build()));
    }

    static DriverStatus status(Path executable) {
        return Protos.status(call(executable, Rpc.STATUS, "Status", stub -> stub.status(StatusRequest.getDefaultInstance())));
    }

    static List<SettingProblem> validate(Path executable, Map<String, Object> options, int nodes) {
        return call(executable, Rpc.VALIDATE, "Validate", stub -> stub
                .validate(ValidateRequest.newBuilder().setOptionsJson(Protos.json(options)).setNodes(nodes).build()))
                .getProblemsList().stream().map(p -> new SettingProblem(p.getSetting(), p.getMessage(), p.getFix().isBlank() ? null : p.getFix()))
                .toList();
    }

    static ClusterNetwork ensureNetwork(Path executable, String cluster, Map<String, Object> options) {
        return Protos.network(call(executable, Rpc.ENSURE_NETWORK, "EnsureNetwork", stub -> stub
                .ensureNetwork(NetworkRequest.newBuilder().setCluster(cluster).setOptionsJson(Protos.json(options)).build())));
    }

    static void removeNetwork(Path executable, String cluster) {
        call(executable, Rpc.REMOVE_NETWORK, "RemoveNetwork", stub -> stub
                .removeNetwork(NetworkRequest.newBuilder().setCluster(cluster).setOptionsJson("{}").build()));
    }

    static dev.kubik.spi.CreatedMachine create(Path executable, MachineConfig config, DriverContext context) {
        long start = System.nanoTime();
        AtomicLong phasedMs = new AtomicLong();
        CreatedMachine created = call(executable, Rpc.CREATE, "Create of " + config.name(), stub -> {
            Iterator<CreateEvent> events = stub.create(CreateRequest.newBuilder().setConfig(Protos.config(config)).build());
            while (events.hasNext()) {
                CreateEvent event = events.next();
                if (event.hasProgress()) say(event.getProgress(), context);
                if (event.hasPhase()) {
                    context.reporter().phase(config.name(), event.getPhase().getName(), Duration.ofMillis(event.getPhase().getElapsedMs()));
                    phasedMs.addAndGet(event.getPhase().getElapsedMs());
                }
                if (event.hasCreated()) return event.getCreated();
            }
            throw new DriverException("plugin " + executable.getFileName() + " ended Create of " + config.name() + " without a machine",
                    "a plugin's Create stream ends with a CreatedMachine event");
        });
        // The call's time the plugin did not account for, named after the call: --timings has no anonymous lump.
        Duration outside = Duration.ofNanos(System.nanoTime() - start).minusMillis(phasedMs.get());
        context.reporter().phase(config.name(), phasedMs.get() == 0 ? "plugin Create" : "plugin Create, outside its phases",
                outside.isNegative() ? Duration.ZERO : outside);
        return new dev.kubik.spi.CreatedMachine(created.getIp(), new SshAccess(created.getSshUser(),
                Protos.endpoint(created.getSsh()), null), created.getHostKeysList(), created.getStateMap());
    }

    static MachineRef resize(Path executable, MachineConfig config, MachineRef machine, DriverContext context) {
        return machineStream(executable, Rpc.RESIZE, "Resize of " + machine.name(), context, stub -> stub
                .resize(ResizeRequest.newBuilder().setConfig(Protos.config(config)).setMachine(Protos.machine(machine)).build()));
    }

    static MachineRef start(Path executable, MachineRef machine, DriverContext context) {
        return machineStream(executable, Rpc.START, "Start of " + machine.name(), context, stub -> stub.start(request(machine)));
    }

    static void stop(Path executable, MachineRef machine, DriverContext context) {
        call(executable, Rpc.STOP, "Stop of " + machine.name(), stub -> {
            stub.stop(request(machine)).forEachRemaining(p -> say(p, context));
            return null;
        });
    }

    static void remove(Path executable, MachineRef machine, DriverContext context) {
        call(executable, Rpc.REMOVE, "Remove of " + machine.name(), stub -> {
            stub.remove(request(machine)).forEachRemaining(p -> say(p, context));
            return null;
        });
    }

    static MachineState state(Path executable, MachineRef machine) {
        return Protos.state(call(executable, Rpc.STATE, "State of " + machine.name(), stub -> stub.state(request(machine))).getState());
    }

    /** The machine's addresses: ip, SSH login and endpoint, API server endpoint (or null). */
    record Address(String ip, SshAccess ssh, dev.kubik.spi.Endpoint apiServer) {
    }

    static Address address(Path executable, MachineRef machine) {
        MachineAddress a = call(executable, Rpc.ADDRESS, "Address of " + machine.name(), stub -> stub.address(request(machine)));
        return new Address(a.getIp(), new SshAccess(a.getSshUser(), Protos.endpoint(a.getSsh()), null),
                a.hasApiServer() ? Protos.endpoint(a.getApiServer()) : null);
    }

    static List<String> machinesOf(Path executable, String cluster) {
        return call(executable, Rpc.MACHINES_OF, "MachinesOf", stub -> stub
                .machinesOf(ClusterRequest.newBuilder().setCluster(cluster).build())).getNamesList();
    }

    private static MachineRequest request(MachineRef machine) {
        return MachineRequest.newBuilder().setMachine(Protos.machine(machine)).build();
    }

    private static MachineRef machineStream(Path executable, Rpc rpc, String what, DriverContext context,
                                            Function<DriverGrpc.DriverBlockingStub, Iterator<MachineEvent>> call) {
        return call(executable, rpc, what, stub -> {
            Iterator<MachineEvent> events = call.apply(stub);
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

    /**
     * Runs one call on the executable's plugin within the call's deadline; its failure says what the plugin said,
     * how the plugin died, or that it did not answer in time, and then the plugin is stopped: a plugin that let a
     * deadline pass may hold a call forever (grpcio never finishes one whose trailer it refused).
     */
    static <T> T call(Path executable, Rpc rpc, String what, Function<DriverGrpc.DriverBlockingStub, T> call) {
        PluginProcess plugin = PluginProcesses.of(executable);
        Duration deadline = PluginDeadlines.configured().of(rpc);
        try {
            return call.apply(plugin.stub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            // A plugin that died shows as an unavailable or cancelled call; its exit may lag the call by a moment.
            if (!plugin.alive() || (code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED) && plugin.exitsWithin(2)) {
                throw new DriverException(what + " failed: " + plugin.death(), "the plugin crashed: run again to retry; if it keeps "
                        + "crashing, report it to the plugin's authors with its log, " + plugin.logFile());
            }
            if (code == Status.Code.DEADLINE_EXCEEDED) {
                PluginProcesses.stop(plugin);
                throw new DriverException("plugin " + executable.getFileName() + " did not answer " + what + " within "
                        + Durations.describe(deadline) + ", and kubik stopped it" + plugin.lastLines(),
                        "if it needs longer: " + PluginDeadlines.VARIABLE + "=" + rpc.method + "=" + Durations.format(deadline.multipliedBy(2))
                                + "; if it hangs, report it to the plugin's authors with its log, " + plugin.logFile(), e);
            }
            String message = e.getStatus().getDescription() != null ? e.getStatus().getDescription() : e.getStatus().getCode().toString();
            throw new DriverException(message, FixTrailer.read(e.getTrailers()), e);
        }
    }
}
