package dev.kubik.shell.kernel;

import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.ForwardingEvents;
import dev.kubik.plan.PlanStep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A plan's progress while it runs, as one Jupyter display updated in place (a line per step: running, done with
 * its time, or failed); the cell's output keeps the final lines in plan order, as notebooks do.
 */
final class ProgressDisplay extends ForwardingEvents {
    /** Publishes a display: its id, its text, and whether it is new (display_data) or an update. */
    @FunctionalInterface
    interface Publisher {
        void publish(String displayId, String text, boolean first);
    }

    private final Publisher publisher;
    private final Map<Integer, String> lines = new LinkedHashMap<>();
    private String displayId;

    /** @param finalLines what the cell's output keeps: every event is passed on to it */
    ProgressDisplay(Events finalLines, Publisher publisher) {
        super(finalLines);
        this.publisher = publisher;
    }

    @Override
    public synchronized void stepStarted(int current, int total, PlanStep step) {
        super.stepStarted(current, total, step);
        lines.put(current, String.format("… [%d/%d] %s", current, total, Events.title(step)));
        show();
    }

    @Override
    public synchronized void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        super.stepFinished(current, total, step, elapsed);
        lines.put(current, String.format("✓ [%d/%d] %s (%.1f s)", current, total, Events.title(step), elapsed.toMillis() / 1000.0));
        show();
    }

    @Override
    public synchronized void stepFailed(int current, int total, PlanStep step, Throwable error) {
        super.stepFailed(current, total, step, error);
        lines.put(current, String.format("✗ [%d/%d] %s: %s", current, total, Events.title(step), error.getMessage()));
        show();
    }

    private void show() {
        boolean first = displayId == null;
        if (first) displayId = UUID.randomUUID().toString();
        publisher.publish(displayId, String.join("\n", new java.util.TreeMap<>(lines).values()) + "\n", first);
    }

    @Override
    public synchronized void done() {
        super.done();
        lines.clear();
        displayId = null;
    }
}
