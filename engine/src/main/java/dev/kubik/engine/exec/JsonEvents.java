package dev.kubik.engine.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.plan.PlanStep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One CloudEvents 1.0 JSON object per line, as minikube's {@code --output json}. Every event type and its
 * {@code data} are in docs/events.schema.json (and the README); data values are strings, as minikube's, except
 * the plan, which is the plan object itself.
 */
public final class JsonEvents implements Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SOURCE = "https://kubik.dev/";
    private final PrintStream out;
    private final boolean phases;

    public JsonEvents(PrintStream out) {
        this(out, false);
    }

    /** @param phases emit dev.kubik.phase events (--timings) */
    public JsonEvents(PrintStream out, boolean phases) {
        this.out = out;
        this.phases = phases;
    }

    @Override
    public void phase(String machine, String phase, Duration took) {
        if (phases) emit("dev.kubik.phase", data("machine", machine, "phase", phase, "elapsedms", took.toMillis()));
    }

    @Override
    public void stepStarted(int current, int total, PlanStep step) {
        emit("dev.kubik.step", data("currentstep", current, "totalsteps", total, "name", Events.title(step),
                "id", step.id(), "message", step.reason()));
    }

    @Override
    public void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        emit("dev.kubik.step.done", data("currentstep", current, "totalsteps", total, "name", Events.title(step),
                "id", step.id(), "elapsedms", elapsed.toMillis()));
    }

    @Override
    public void stepFailed(int current, int total, PlanStep step, Throwable error) {
        emit("dev.kubik.step.failed", data("currentstep", current, "totalsteps", total, "name", Events.title(step),
                "id", step.id(), "message", String.valueOf(error.getMessage())));
    }

    private final java.util.Map<String, Long> reportedTenths = new java.util.concurrent.ConcurrentHashMap<>();

    /** dev.kubik.download.progress at the start, every tenth and the end (minikube's event, not one per buffer). */
    @Override
    public void download(String artifact, long done, long total) {
        long tenth = total > 0 ? done * 10 / total : 0;
        Long previous = reportedTenths.put(artifact, tenth);
        if (previous != null && previous == tenth) return;
        emit("dev.kubik.download.progress", data("artifact", artifact, "progress",
                total > 0 ? String.format("%.2f", done / (double) total) : "", "bytes", done, "totalbytes", total));
    }

    @Override
    public void info(String message) {
        emit("dev.kubik.info", data("message", message));
    }

    @Override
    public void warn(String message) {
        emit("dev.kubik.warning", data("message", message));
    }

    @Override
    public void error(String message, String advice, int exitCode) {
        emit("dev.kubik.error", data("message", message, "advice", advice == null ? "" : advice, "exitcode", exitCode));
    }

    /** The plan event's and the step events' serializers, built on a throwaway plan of the same types. */
    @Override
    public void ahead() {
        var values = dev.kubik.plan.StepValues.machine(dev.kubik.model.Role.CONTROL_PLANE, new dev.kubik.model.Resources(1, 1024, 1024),
                new dev.kubik.plan.HostLinks(java.util.List.of(), java.util.List.of(), 8443));
        var plan = new dev.kubik.plan.Plan("warm-up", "warm-up", java.util.List.of(new dev.kubik.plan.PlanStep("machine:warm-up",
                dev.kubik.plan.Action.CREATE, dev.kubik.plan.StepKind.MACHINE, "warm-up", "warm-up", java.util.List.of(), values, values)));
        try {
            JSON.writeValueAsString(Map.of("data", Map.of("plan", plan, "summary", plan.summary(), "step", data("currentstep", 1)),
                    "time", java.time.Instant.now().toString()));
        } catch (JsonProcessingException ignored) {
            // Only a warm-up: the real event reports real problems.
        }
    }

    /** Any other event, e.g. the plan itself ({@code dev.kubik.plan}). */
    public void emit(String type, Map<String, ?> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", java.time.Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            String line = JSON.writeValueAsString(event);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> data(Object... keysAndValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i].toString(), String.valueOf(keysAndValues[i + 1]));
        }
        return data;
    }
}
