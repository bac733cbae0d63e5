package dev.kubik.driver.plugin;

import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SettingProblem;
import dev.kubik.spi.SshAccess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A driver plugin as one more driver: what it is comes from its (cached) descriptor, what it does from calls to
 * the plugin, started on first use. No gRPC type appears here, so listing and validating load none.
 */
final class PluginDriver implements Driver {
    private final Path executable;
    private final PluginDescriptor descriptor;
    private final DescriptorCache cache;

    PluginDriver(Path executable, PluginDescriptor descriptor, DescriptorCache cache) {
        this.executable = executable;
        this.descriptor = descriptor;
        this.cache = cache;
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public List<String> aliases() {
        return descriptor.aliases();
    }

    @Override
    public String description() {
        return descriptor.description() + " (plugin " + executable + ")";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return descriptor.oses();
    }

    @Override
    public Priority priority() {
        return descriptor.priority();
    }

    @Override
    public OptionSchema options() {
        return descriptor.schema();
    }

    @Override
    public Set<String> resizableInPlace() {
        return Set.copyOf(descriptor.resizableInPlace());
    }

    /** What the plugin declared, beyond the defaults every driver has. */
    @Override
    public Set<dev.kubik.spi.Capability> capabilities() {
        java.util.EnumSet<dev.kubik.spi.Capability> can = java.util.EnumSet.copyOf(Driver.super.capabilities());
        descriptor.capabilities().forEach(c -> can.add(dev.kubik.spi.Capability.valueOf(c)));
        return can;
    }

    /** Asked of the plugin at most once a minute; a plugin that cannot answer is unhealthy, with its reason. */
    @Override
    public DriverStatus status() {
        return cache.freshStatus(executable).orElseGet(() -> {
            DriverStatus status;
            try {
                status = PluginCalls.status(executable);
            } catch (DriverException e) {
                status = DriverStatus.unhealthy(null, "plugin " + executable.getFileName() + ": " + e.getMessage(), e.fix(), null);
            }
            cache.putStatus(executable, descriptor, status);
            return status;
        });
    }

    @Override
    public List<SettingProblem> validate(Map<String, Object> options, int nodes) {
        return PluginCalls.validate(executable, options, nodes);
    }

    @Override
    public ClusterNetwork ensureNetwork(String cluster, Map<String, Object> options, DriverContext context) {
        return PluginCalls.ensureNetwork(executable, cluster, options);
    }

    @Override
    public void removeNetwork(String cluster, DriverContext context) {
        PluginCalls.removeNetwork(executable, cluster);
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        return PluginCalls.create(executable, config, context);
    }

    @Override
    public MachineRef resize(MachineConfig config, MachineRef machine, DriverContext context) {
        return PluginCalls.resize(executable, config, machine, context);
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        return PluginCalls.start(executable, machine, context);
    }

    @Override
    public void stop(MachineRef machine, DriverContext context) {
        PluginCalls.stop(executable, machine, context);
    }

    @Override
    public void remove(MachineRef machine, DriverContext context) {
        PluginCalls.remove(executable, machine, context);
    }

    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        return PluginCalls.state(executable, machine);
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        return PluginCalls.address(executable, machine).ip();
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        return PluginCalls.address(executable, machine).ssh();
    }

    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return PluginCalls.address(executable, machine).apiServer();
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return PluginCalls.machinesOf(executable, cluster);
    }
}
