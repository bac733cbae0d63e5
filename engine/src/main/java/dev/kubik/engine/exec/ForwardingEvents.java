package dev.kubik.engine.exec;

import dev.kubik.plan.PlanStep;

import java.time.Duration;
import java.util.Optional;

/**
 * Events that pass everything on to another: displays that add to a run's output (a table of timings, a live
 * notebook display) override what they add and call up, and nothing is lost on the way.
 */
public abstract class ForwardingEvents implements Events {
    private final Events inner;

    protected ForwardingEvents(Events inner) {
        this.inner = inner;
    }

    @Override
    public void stepStarted(int current, int total, PlanStep step) {
        inner.stepStarted(current, total, step);
    }

    @Override
    public void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        inner.stepFinished(current, total, step, elapsed);
    }

    @Override
    public void stepFailed(int current, int total, PlanStep step, Throwable error) {
        inner.stepFailed(current, total, step, error);
    }

    @Override
    public void error(String message, String advice, int exitCode) {
        inner.error(message, advice, exitCode);
    }

    @Override
    public void download(String artifact, long done, long total) {
        inner.download(artifact, done, total);
    }

    @Override
    public void done() {
        inner.done();
    }

    @Override
    public void info(String message) {
        inner.info(message);
    }

    @Override
    public void warn(String message) {
        inner.warn(message);
    }

    @Override
    public Optional<Boolean> ask(String question) {
        return inner.ask(question);
    }

    @Override
    public void phase(String machine, String phase, Duration took) {
        inner.phase(machine, phase, took);
    }
}
