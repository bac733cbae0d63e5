package dev.kubik.engine.exec;

import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan's steps, each as soon as the steps it depends on have finished, so independent machines are
 * created in parallel. The first failure stops new steps from starting; steps already running finish, and the
 * state they leave is recorded by the step code itself. Every step that starts ends exactly once, finished or
 * failed, in the events and in the outcome. A step that outlives its deadline (a driver, plugin or bootstrapper
 * call that never returns) fails then: its thread is interrupted and left behind, and the run does not wait for it.
 */
public final class Executor {
    private final int parallelism;
    private final Duration stepDeadline;

    /** @param stepDeadline how long one step may run ({@link StepDeadline}) */
    public Executor(int parallelism, Duration stepDeadline) {
        this.parallelism = parallelism;
        this.stepDeadline = stepDeadline;
    }

    /** Runs one step; throwing fails the run. */
    @FunctionalInterface
    public interface StepRunner {
        void run(PlanStep step) throws Exception;
    }

    /** A step that failed, and why. */
    public record Failure(PlanStep step, Throwable error) {
    }

    /** How a run ended: {@code failures} is empty when every step that ran finished, in the order they failed. */
    public record Outcome(List<PlanStep> finished, List<Failure> failures, boolean cancelled) {
        /** How an empty plan ends: nothing ran, nothing failed. */
        public static final Outcome NOTHING = new Outcome(List.of(), List.of(), false);

        public Outcome {
            finished = List.copyOf(finished);
            failures = List.copyOf(failures);
        }

        public boolean ok() {
            return failures.isEmpty() && !cancelled;
        }

        /** The first step that failed, or null. */
        public PlanStep failed() {
            return failures.isEmpty() ? null : failures.get(0).step();
        }

        /** The first failure's error, or null. */
        public Throwable error() {
            return failures.isEmpty() ? null : failures.get(0).error();
        }
    }

    private record Done(PlanStep step, Throwable error, long nanos) {
    }

    /** A step in flight: when it started, and its task (interrupted if it outlives its deadline). */
    private record Running(PlanStep step, long startNanos, Future<?> task) {
    }

    public Outcome run(Plan plan, StepRunner runner, Events events) {
        List<PlanStep> steps = plan.steps();
        int total = steps.size();
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < total; i++) numbers.put(steps.get(i).id(), i + 1);

        Set<String> finished = new HashSet<>();
        Set<String> started = new HashSet<>();
        List<PlanStep> finishedSteps = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        BlockingQueue<Done> completions = new LinkedBlockingQueue<>();
        Map<String, Running> running = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread thread = new Thread(r, "kubik-step");
            thread.setDaemon(true);
            return thread;
        });
        boolean cancelled = false;
        try {
            while (finished.size() < total) {
                if (failures.isEmpty() && !cancelled) {
                    for (PlanStep step : steps) {
                        if (started.contains(step.id()) || !finished.containsAll(step.dependsOn())) continue;
                        started.add(step.id());
                        events.stepStarted(numbers.get(step.id()), total, step);
                        long start = System.nanoTime();
                        Future<?> task = pool.submit(() -> {
                            Throwable thrown = null;
                            try {
                                runner.run(step);
                            } catch (Throwable t) {
                                thrown = t;
                            }
                            completions.add(new Done(step, thrown, System.nanoTime() - start));
                        });
                        running.put(step.id(), new Running(step, start, task));
                    }
                }
                if (running.isEmpty()) {
                    if (failures.isEmpty() && !cancelled) {
                        throw new IllegalStateException("plan steps wait on steps that never run: " + steps);
                    }
                    break; // failed or cancelled, and nothing left in flight
                }
                Done done;
                try {
                    done = completions.poll(nanosToFirstDeadline(running), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    cancelled = true; // Ctrl-C: let running steps finish, start no more
                    Thread.interrupted();
                    continue;
                }
                if (done == null) {
                    expire(running, numbers, total, failures, events);
                    continue;
                }
                // A step that was given up on may still end later: it has had its one ending.
                if (running.remove(done.step().id()) == null) continue;
                int number = numbers.get(done.step().id());
                if (done.error() == null) {
                    finished.add(done.step().id());
                    finishedSteps.add(done.step());
                    events.stepFinished(number, total, done.step(), Duration.ofNanos(done.nanos()));
                } else {
                    failures.add(new Failure(done.step(), done.error()));
                    events.stepFailed(number, total, done.step(), done.error());
                }
            }
        } finally {
            pool.shutdownNow();
            events.done();
        }
        return new Outcome(finishedSteps, failures, cancelled);
    }

    private long nanosToFirstDeadline(Map<String, Running> running) {
        long now = System.nanoTime();
        long first = Long.MAX_VALUE;
        for (Running step : running.values()) first = Math.min(first, step.startNanos() + stepDeadline.toNanos() - now);
        return Math.max(0, first);
    }

    /** Fails every running step past its deadline, in the order they started, and interrupts its thread. */
    private void expire(Map<String, Running> running, Map<String, Integer> numbers, int total, List<Failure> failures,
                        Events events) {
        long now = System.nanoTime();
        for (var steps = running.values().iterator(); steps.hasNext(); ) {
            Running late = steps.next();
            if (now - late.startNanos() < stepDeadline.toNanos()) continue;
            steps.remove();
            late.task().cancel(true);
            StepTimeoutException error = new StepTimeoutException(late.step(), stepDeadline);
            failures.add(new Failure(late.step(), error));
            events.stepFailed(numbers.get(late.step().id()), total, late.step(), error);
        }
    }
}
