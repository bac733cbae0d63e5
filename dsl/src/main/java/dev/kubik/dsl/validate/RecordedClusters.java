package dev.kubik.dsl.validate;

import dev.kubik.plan.ClusterState;

import java.util.Optional;

/**
 * The clusters kubik has made, by name, for the checks that compare a script with what runs (a version may only
 * move as far as its bootstrapper upgrades). The language itself keeps no state: the shell hands this in.
 */
@FunctionalInterface
public interface RecordedClusters {
    /** Nothing recorded: scripts are checked on their own (rendering, tests, the training corpus). */
    RecordedClusters NONE = name -> Optional.empty();

    /** What kubik recorded of the cluster; empty when nothing was, or the record cannot be read. */
    Optional<ClusterState> of(String cluster);
}
