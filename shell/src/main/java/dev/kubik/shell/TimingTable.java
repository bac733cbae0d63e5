package dev.kubik.shell;

import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.ForwardingEvents;
import dev.kubik.plan.PlanStep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --timings}: passes every event on and, when the steps are over, prints each step's time with the phases
 * it was made of (docker run, host key, ssh handshake…), in plan order, so anyone can see where the time went. A
 * phase belongs to the step running on its machine when it ends (the one started last, where two run side by side:
 * a node's runtime and its Kubernetes binaries).
 */
public final class TimingTable extends ForwardingEvents {
    private final PrintStream out;
    private final Map<String, PlanStep> runningOn = new LinkedHashMap<>();
    private final Map<Integer, Row> rows = new java.util.TreeMap<>();
    private final Map<String, Row> rowOf = new LinkedHashMap<>();
    private final List<Phase> unattached = new ArrayList<>();

    private record Phase(String machine, String name, Duration took) {
    }

    private static final class Row {
        final String title;
        final List<Phase> phases = new ArrayList<>();
        Duration took;

        Row(String title) {
            this.title = title;
        }
    }

    public TimingTable(Events inner, PrintStream out) {
        super(inner);
        this.out = out;
    }

    @Override
    public void stepStarted(int current, int total, PlanStep step) {
        synchronized (this) {
            runningOn.put(step.target(), step);
            Row row = new Row(Events.title(step));
            rows.put(current, row);
            rowOf.put(step.id(), row);
        }
        super.stepStarted(current, total, step);
    }

    @Override
    public void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        synchronized (this) {
            runningOn.remove(step.target(), step);
            rowOf.get(step.id()).took = elapsed;
        }
        super.stepFinished(current, total, step, elapsed);
    }

    @Override
    public void stepFailed(int current, int total, PlanStep step, Throwable error) {
        synchronized (this) {
            runningOn.remove(step.target(), step);
        }
        super.stepFailed(current, total, step, error);
    }

    @Override
    public synchronized void phase(String machine, String phase, Duration took) {
        super.phase(machine, phase, took);
        Phase p = new Phase(machine, phase, took);
        Optional.ofNullable(runningOn.get(machine)).map(s -> rowOf.get(s.id()))
                .ifPresentOrElse(row -> row.phases.add(p), () -> unattached.add(p));
    }

    @Override
    public void done() {
        super.done();
        synchronized (this) {
            if (rows.isEmpty() && unattached.isEmpty()) return;
            out.println("Timings:");
            for (Row row : rows.values()) {
                out.println(line(row.title, row.took));
                long accounted = 0;
                for (Phase p : row.phases) {
                    out.println(line("  " + p.name(), p.took()));
                    accounted += p.took().toNanos();
                }
                if (!row.phases.isEmpty() && row.took != null) {
                    out.println(line("  (kubik between phases)", Duration.ofNanos(Math.max(0, row.took.toNanos() - accounted))));
                }
            }
            for (Phase p : unattached) out.println(line(p.machine() + ": " + p.name(), p.took()));
        }
    }

    private static String line(String label, Duration took) {
        return String.format("  %-52s %8s", label, took == null ? "failed" : took.toMillis() + " ms");
    }
}
