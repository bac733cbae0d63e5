package dev.kubik.shell;

import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.JsonEvents;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shows plans and their outcomes, as text or as JSON events. */
final class PlanPrinter {
    private final PrintStream out;
    private final Events events;
    private final boolean color;

    PlanPrinter(PrintStream out, Events events, boolean color) {
        this.out = out;
        this.events = events;
        this.color = color;
    }

    void plan(Plan plan) {
        if (events instanceof JsonEvents json) {
            Map<String, Object> data = new LinkedHashMap<>(JsonEvents.data("profile", plan.profile(), "summary", plan.summary()));
            data.put("plan", plan); // the object, as `kubik plan --out` will save it, not a string of JSON
            json.emit("dev.kubik.plan", data);
        } else {
            out.print(PlanRenderer.render(plan, color));
            out.flush();
        }
    }

    /** An apply's happy end ({@link ApplyReport}'s message). */
    void applied(String text, String profile) {
        if (events instanceof JsonEvents json) {
            json.emit("dev.kubik.done", JsonEvents.data("profile", profile, "message", text));
        } else {
            out.println(text);
        }
    }
}
