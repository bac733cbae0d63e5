package dev.kubik.driver.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.driver.plugin.v1.Descriptor;
import dev.kubik.driver.plugin.v1.Machine;
import dev.kubik.driver.plugin.v1.MachineConfig;
import dev.kubik.driver.plugin.v1.Mount;
import dev.kubik.driver.plugin.v1.Network;
import dev.kubik.driver.plugin.v1.Option;
import dev.kubik.driver.plugin.v1.PortForward;
import dev.kubik.spi.ClusterNetwork;
import dev.kubik.spi.Capability;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionType;
import dev.kubik.spi.Priority;

import java.util.List;
import java.util.Map;

/** Between the protocol's messages and the SPI's records. */
final class Protos {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Protos() {
    }

    static PluginDescriptor descriptor(Descriptor d) {
        if (d.getName().isBlank()) throw new DriverException("the plugin's descriptor has no name", null);
        List<HostOs> oses = d.getSupportedOnList().stream().filter(o -> o != dev.kubik.driver.plugin.v1.HostOs.HOST_OS_UNSPECIFIED
                && o != dev.kubik.driver.plugin.v1.HostOs.UNRECOGNIZED).map(o -> HostOs.valueOf(o.name())).toList();
        Priority priority = switch (d.getPriority()) {
            case PRIORITY_UNSPECIFIED, UNRECOGNIZED -> Priority.UNKNOWN;
            default -> Priority.valueOf(d.getPriority().name());
        };
        List<PluginDescriptor.Option> options = d.getOptionsList().stream().map(Protos::option).toList();
        List<String> resizable = d.getCapabilitiesList().stream().map(c -> switch (c) {
            case RESIZE_CPUS -> "cpus";
            case RESIZE_MEMORY -> "memory";
            case RESIZE_DISK -> "disk";
            default -> null;
        }).filter(java.util.Objects::nonNull).toList();
        List<String> capabilities = d.getCapabilitiesList().stream().map(c -> switch (c) {
            case MOUNTS -> Capability.MOUNTS.name();
            case PORT_FORWARDING -> Capability.PORT_FORWARDING.name();
            default -> null;
        }).filter(java.util.Objects::nonNull).toList();
        return new PluginDescriptor(d.getName(), d.getAliasesList(), d.getDescription(), oses, priority, options, resizable,
                capabilities, d.getProtocolVersion());
    }

    private static PluginDescriptor.Option option(Option o) {
        OptionType type = switch (o.getType()) {
            case STRING -> OptionType.STRING;
            case BOOL -> OptionType.BOOL;
            case INT -> OptionType.INT;
            case STRING_SLICE -> OptionType.STRING_LIST;
            default -> throw new DriverException("option " + o.getName() + " has no type", "STRING, BOOL, INT or STRING_SLICE");
        };
        Object defaultValue = null;
        if (!o.getDefaultJson().isBlank()) {
            try {
                defaultValue = JSON.readValue(o.getDefaultJson(), Object.class);
            } catch (JsonProcessingException e) {
                throw new DriverException("option " + o.getName() + " has a default that is not JSON: " + o.getDefaultJson(), null);
            }
        }
        return new PluginDescriptor.Option(o.getName(), type, o.getUsage(), defaultValue, o.getAllowedList());
    }

    static String json(Map<String, Object> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MachineConfig config(dev.kubik.spi.MachineConfig c) {
        MachineConfig.Builder b = MachineConfig.newBuilder().setCluster(c.cluster()).setName(c.name()).setRole(c.role())
                .setIndex(c.index()).setCpus(c.cpus()).setMemoryMib(c.memoryMiB()).setDiskMib(c.diskMiB())
                .setOptionsJson(json(c.options())).setSshPublicKey(c.sshPublicKey())
                .setApiServerPort(c.apiServerPort());
        c.mounts().forEach(m -> b.addMounts(Mount.newBuilder().setHostPath(m.hostPath()).setGuestPath(m.guestPath())));
        c.ports().forEach(p -> b.addPorts(PortForward.newBuilder().setHostPort(p.hostPort()).setGuestPort(p.guestPort())));
        if (c.network() != null) {
            b.setNetwork(Network.newBuilder().setName(c.network().name()).setSubnet(nonNull(c.network().subnet()))
                    .setGateway(nonNull(c.network().gateway())));
        }
        return b.build();
    }

    static Machine machine(MachineRef ref) {
        return Machine.newBuilder().setName(ref.name()).putAllState(ref.state()).build();
    }

    static MachineRef ref(Machine machine) {
        return new MachineRef(machine.getName(), machine.getStateMap());
    }

    static ClusterNetwork network(Network n) {
        return n.getName().isEmpty() ? null : new ClusterNetwork(n.getName(), blankToNull(n.getSubnet()), blankToNull(n.getGateway()));
    }

    static Endpoint endpoint(dev.kubik.driver.plugin.v1.Endpoint e) {
        return new Endpoint(e.getHost(), e.getPort());
    }

    static DriverStatus status(dev.kubik.driver.plugin.v1.DriverStatus s) {
        return new DriverStatus(s.getInstalled(), s.getHealthy(), blankToNull(s.getVersion()), blankToNull(s.getError()),
                blankToNull(s.getFix()), blankToNull(s.getDoc()));
    }

    static MachineState state(dev.kubik.driver.plugin.v1.StateResponse.State s) {
        return switch (s) {
            case MISSING -> MachineState.MISSING;
            case RUNNING -> MachineState.RUNNING;
            case STOPPED -> MachineState.STOPPED;
            case PAUSED -> MachineState.PAUSED;
            case ERROR, UNRECOGNIZED -> MachineState.ERROR;
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
