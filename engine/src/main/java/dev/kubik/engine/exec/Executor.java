package dev.kubik.engine.exec;

import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan's steps, each as soon as the steps it depends on have finished, so independent machines are
 * created in parallel. The first failure stops new steps from starting; steps already running finish, and the
 * state they leave is recorded by the step code itself.
 */
public final class Executor {
    private final int parallelism;

    public Executor(int parallelism) {
        this.parallelism = parallelism;
    }

    /** Runs one step; throwing fails the run. */
    @FunctionalInterface
    public interface StepRunner {
        void run(PlanStep step) throws Exception;
    }

    /** How a run ended: {@code failed} is null when every step finished. */
    public record Outcome(List<PlanStep> finished, PlanStep failed, Throwable error, boolean cancelled) {
        /** How an empty plan ends: nothing ran, nothing failed. */
        public static final Outcome NOTHING = new Outcome(List.of(), null, null, false);

        public boolean ok() {
            return failed == null && !cancelled;
        }
    }

    private record Done(PlanStep step, Throwable error, long nanos) {
    }

    public Outcome run(Plan plan, StepRunner runner, Events events) {
        List<PlanStep> steps = plan.steps();
        int total = steps.size();
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < total; i++) numbers.put(steps.get(i).id(), i + 1);

        Set<String> finished = new HashSet<>();
        Set<String> started = new HashSet<>();
        List<PlanStep> finishedSteps = new ArrayList<>();
        BlockingQueue<Done> completions = new LinkedBlockingQueue<>();
        AtomicInteger running = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread thread = new Thread(r, "kubik-step");
            thread.setDaemon(true);
            return thread;
        });
        PlanStep failed = null;
        Throwable error = null;
        boolean cancelled = false;
        try {
            while (finished.size() < total) {
                if (failed == null && !cancelled) {
                    for (PlanStep step : steps) {
                        if (started.contains(step.id()) || !finished.containsAll(step.dependsOn())) continue;
                        started.add(step.id());
                        running.incrementAndGet();
                        int number = numbers.get(step.id());
                        events.stepStarted(number, total, step);
                        pool.execute(() -> {
                            long start = System.nanoTime();
                            Throwable thrown = null;
                            try {
                                runner.run(step);
                            } catch (Throwable t) {
                                thrown = t;
                            }
                            completions.add(new Done(step, thrown, System.nanoTime() - start));
                        });
                    }
                }
                if (running.get() == 0) {
                    if (failed == null && !cancelled) {
                        throw new IllegalStateException("plan steps wait on steps that never run: " + steps);
                    }
                    break; // failed or cancelled, and nothing left in flight
                }
                Done done;
                try {
                    done = completions.take();
                } catch (InterruptedException e) {
                    cancelled = true; // Ctrl-C: let running steps finish, start no more
                    Thread.interrupted();
                    continue;
                }
                running.decrementAndGet();
                int number = numbers.get(done.step().id());
                if (done.error() == null) {
                    finished.add(done.step().id());
                    finishedSteps.add(done.step());
                    events.stepFinished(number, total, done.step(), Duration.ofNanos(done.nanos()));
                } else if (failed == null) {
                    failed = done.step();
                    error = done.error();
                    events.stepFailed(number, total, done.step(), done.error());
                }
            }
        } finally {
            pool.shutdownNow();
            events.done();
        }
        return new Outcome(finishedSteps, failed, error, cancelled);
    }
}
