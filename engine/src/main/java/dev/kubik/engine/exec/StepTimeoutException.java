package dev.kubik.engine.exec;

import dev.kubik.plan.PlanStep;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Durations;

import java.time.Duration;

/** A step that did not end within its deadline: kubik stopped waiting for it. */
public final class StepTimeoutException extends DriverException {
    public StepTimeoutException(PlanStep step, Duration deadline) {
        super(Events.title(step) + " did not finish within " + Durations.describe(deadline)
                        + ": the driver or bootstrapper stopped answering, and kubik gave up on it",
                "see the lines above for what it was doing; " + StepDeadline.VARIABLE + "=" + Durations.format(deadline.multipliedBy(2))
                        + " allows longer");
    }
}
