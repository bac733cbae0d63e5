package dev.kubik.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * What running a script would do to a cluster: data, printable, serialisable, comparable.
 *
 * @param profile the cluster
 * @param driver  the driver the steps use
 * @param steps   in an order that respects every step's dependencies
 */
public record Plan(String profile, String driver, List<PlanStep> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public int toAdd() {
        return (int) steps.stream().filter(s -> s.action() == Action.CREATE || s.action() == Action.REPLACE).count();
    }

    public int toChange() {
        return (int) steps.stream().filter(s -> s.action() == Action.UPDATE).count();
    }

    public int toDestroy() {
        return (int) steps.stream().filter(s -> s.action() == Action.DELETE || s.action() == Action.REPLACE).count();
    }

    public boolean destroysAnything() {
        return toDestroy() > 0;
    }

    public String summary() {
        if (isEmpty()) return "No changes. Cluster '" + profile + "' matches the script.";
        return "Plan: " + toAdd() + " to add, " + toChange() + " to change, " + toDestroy() + " to destroy.";
    }
}
