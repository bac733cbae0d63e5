package dev.kubik.engine.exec;

import dev.kubik.spi.DriverException;
import dev.kubik.spi.Durations;

import java.time.Duration;
import java.util.Map;

/**
 * How long one plan step may run before kubik gives up on it: the guard against a driver, plugin or bootstrapper
 * call that never returns. Generous, because a step may download an ISO or Kubernetes' binaries, and show progress
 * meanwhile; {@code KUBIK_STEP_TIMEOUT} (90s, 20m, 1h) changes it.
 */
public final class StepDeadline {
    public static final String VARIABLE = "KUBIK_STEP_TIMEOUT";
    public static final Duration DEFAULT = Duration.ofMinutes(20);

    private StepDeadline() {
    }

    public static Duration configured() {
        return from(System.getenv());
    }

    /** @throws DriverException naming the variable and what is valid */
    static Duration from(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) return DEFAULT;
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new DriverException(VARIABLE + ": " + e.getMessage(), "e.g. " + VARIABLE + "=45m, or unset it for "
                    + Durations.format(DEFAULT));
        }
    }
}
