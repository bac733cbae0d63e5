package dev.kubik.plan;

import dev.kubik.model.ClusterSpec;

/**
 * A plan written to a file to be applied later, perhaps elsewhere ({@code kubik plan --out}, {@code kubik apply}):
 * the steps, the cluster they make (so applying never reads the script again) and the state they were planned
 * from. Applying refuses it when that state has moved on.
 *
 * @param format  {@link #FORMAT}; a file of another format is refused, never guessed at
 * @param kubik   the kubik version that made it; another version refuses it (its steps may mean other things)
 * @param lineage the lineage of the cluster's state when planned; null when no cluster existed yet
 * @param serial  that state's serial (0 when no cluster existed)
 * @param spec    the cluster the script described, resolved (defaults, variables, the chosen driver)
 * @param plan    the steps
 */
public record SavedPlan(int format, String kubik, String lineage, long serial, ClusterSpec spec, Plan plan) {
    /** The saved-plan format this kubik writes and reads. */
    public static final int FORMAT = 1;

    public String profile() {
        return plan.profile();
    }

    /**
     * Why {@code current} is not the state this plan was made from, or null when it is: another run, stop or start
     * moved the serial; a cluster deleted and made again has another lineage.
     */
    public String staleBecause(ClusterState current) {
        boolean existed = lineage != null || serial > 0;
        boolean exists = current.lineage() != null || current.serial() > 0;
        if (!existed && exists) return "cluster '" + profile() + "' was created since the plan was made";
        if (existed && !exists) return "cluster '" + profile() + "' was deleted since the plan was made";
        if (lineage != null && current.lineage() != null && !lineage.equals(current.lineage())) {
            return "cluster '" + profile() + "' was deleted and made again since the plan was made (lineage " + lineage
                    + " then, " + current.lineage() + " now)";
        }
        if (serial != current.serial()) {
            return "cluster '" + profile() + "' changed since the plan was made (state serial " + serial + " then, "
                    + current.serial() + " now: another run, stop or start)";
        }
        return null;
    }
}
