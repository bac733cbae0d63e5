package dev.kubik.engine.exec;

import dev.kubik.plan.ClusterState;
import dev.kubik.engine.state.ProfileStore;

import java.util.function.UnaryOperator;

/**
 * The cluster's state while a plan runs. Every change is saved at once, so a run that fails or is interrupted
 * leaves state that describes exactly what exists, and the next run converges from there.
 */
public final class StateLedger {
    private final ProfileStore store;
    private ClusterState state;

    public StateLedger(ProfileStore store, ClusterState initial) {
        this.store = store;
        this.state = initial;
    }

    public synchronized ClusterState get() {
        return state;
    }

    public synchronized ClusterState update(UnaryOperator<ClusterState> change) {
        state = change.apply(state);
        store.save(state);
        return state;
    }
}
