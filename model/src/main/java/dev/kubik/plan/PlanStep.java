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
 */
public record PlanStep(String id, Action action, StepKind kind, String target, String reason, List<String> dependsOn) {
    public PlanStep {
        dependsOn = List.copyOf(dependsOn);
    }

    public static String id(StepKind kind, String target) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + target;
    }
}
