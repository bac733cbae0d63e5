package dev.kubik.engine.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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

    /** Builds the mapper and its serializers for the state types ahead of the first save. */
    public static void warmUp() {
        try {
            // Written and read back: a run records state, and the launcher's class archive wants both directions.
            mapper().readValue(mapper().writeValueAsBytes(dev.kubik.plan.ClusterState.none("warm-up")), dev.kubik.plan.ClusterState.class);
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
