package dev.kubik.engine.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.HostLinks;
import dev.kubik.plan.MachineRecord;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.SshAccess;

import java.util.List;
import java.util.Map;

/**
 * The one Jackson mapper kubik's state files use. Built on first use: a dry run of a new profile reads no state
 * and should not pay for Jackson's start-up.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /**
     * Builds the mapper and its serializers for the state types ahead of the first save, a machine's record among
     * them: its first write comes between a node's boot and its SSH login, where every millisecond shows.
     */
    public static void warmUp() {
        try {
            MachineRecord machine = new MachineRecord("warm-up", "warm-up", Role.CONTROL_PLANE, new Resources(1, 1024, 1024),
                    Map.of("image", "warm-up"), MachineState.RUNNING, false, false, Map.of(), SshAccess.NODE_USER, Map.of("ip", "warm-up"),
                    new HostLinks(List.of(), List.of(), KubernetesSpec.DEFAULT_API_SERVER_PORT), null);
            ClusterState state = ClusterState.none("warm-up").withNetworkReady(true).withMachine(machine);
            // Written and read back: a run records state, and the launcher's class archive wants both directions.
            mapper().readValue(mapper().writeValueAsBytes(state), ClusterState.class);
        } catch (Exception ignored) {
            // Only a warm-up.
        }
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
