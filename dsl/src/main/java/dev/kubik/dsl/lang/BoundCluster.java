package dev.kubik.dsl.lang;

import dev.kubik.model.ClusterSpec;

/** A cluster block turned into the model, with the source positions of its parts. */
public record BoundCluster(ClusterSpec spec, Origins origins) {
}
