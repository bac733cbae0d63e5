package dev.kubik.plan;

import java.util.List;

/**
 * One step of a plan.
 *
 * @param id        unique within the plan, {@code kind/target}
 * @param action    create, update, delete or replace
 * @param kind      what sort of resource
 * @param target    the resource's name (machine, addon, network)
 * @param reason    why, for the user: "new node", "cpus 2 → 4", "no longer in the script"
 * @param dependsOn ids of the steps that must finish first
 * @param before    the resource's values the step starts from, or null (a new resource, or nothing to say)
 * @param after     the values the step leaves, or null (a removal); what the executor applies
 */
public record PlanStep(String id, Action action, StepKind kind, String target, String reason, List<String> dependsOn,
                       StepValues before, StepValues after) {
    public PlanStep {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A step with no values to show. */
    public PlanStep(String id, Action action, StepKind kind, String target, String reason, List<String> dependsOn) {
        this(id, action, kind, target, reason, dependsOn, null, null);
    }

    /** The same step, waiting for these steps. */
    public PlanStep withDependsOn(List<String> steps) {
        return new PlanStep(id, action, kind, target, reason, steps, before, after);
    }

    public static String id(StepKind kind, String target) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + target;
    }
}
