package dev.kubik.shell;

import dev.kubik.engine.exec.Events;
import dev.kubik.plan.PlanStep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Progress in its final form, for notebooks: parallel steps finish in any order, so each step's line is kept and
 * all are written in plan order when the run ends, followed by what was said during it (each message once, in a
 * stable order). Two runs of the same tutorial then print the same lines.
 */
public final class OrderedEvents implements Events {
    private final PrintStream out;
    private final TreeMap<Integer, String> steps = new TreeMap<>();
    private final List<String> messages = new ArrayList<>();
    private boolean running;

    public OrderedEvents(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void stepStarted(int current, int total, PlanStep step) {
        running = true;
    }

    @Override
    public synchronized void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        steps.put(current, String.format("done [%d/%d] %s (%.1f s)", current, total, Events.title(step), elapsed.toMillis() / 1000.0));
    }

    @Override
    public synchronized void stepFailed(int current, int total, PlanStep step, Throwable error) {
        steps.put(current, String.format("FAILED [%d/%d] %s: %s", current, total, Events.title(step), error.getMessage()));
    }

    @Override
    public synchronized void info(String message) {
        if (!running) out.println(message); // planning and lifecycle commands say things one after another
        else if (!messages.contains(message)) messages.add(message);
    }

    @Override
    public synchronized void warn(String message) {
        info("warning: " + message);
    }

    @Override
    public synchronized void error(String message, String advice, int exitCode) {
        out.println("error: " + message + (advice == null ? "" : "\n  fix: " + advice));
    }

    @Override
    public synchronized void done() {
        steps.values().forEach(out::println);
        messages.stream().sorted().forEach(out::println);
        steps.clear();
        messages.clear();
        running = false;
        out.flush();
    }
}
