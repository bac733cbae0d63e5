package dev.kubik.shell;

import picocli.CommandLine.Option;

/** The node a command on one node acts on, as every such command takes it: {@code -n m02}, else the primary. */
public final class NodeOption {
    @Option(names = {"-n", "--node"}, paramLabel = "NODE", description = "node name (m02, db, or the full machine name); default: the primary")
    String name;

    /** The name given, or null: the primary, as ClusterService reads it. */
    String orPrimary() {
        return name;
    }
}
