package dev.kubik.bootstrapper.none;

import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.NodeContext;

/**
 * Machines and a container runtime, no Kubernetes: what {@code minikube start --no-kubernetes} leaves. The
 * runtime is prepared by the contract's default: enabled, started, and asked for its version until it answers.
 */
public class NoKubernetes implements Bootstrapper {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "machines and a container runtime only, no Kubernetes";
    }

    @Override
    public boolean installsKubernetes() {
        return false;
    }

    /** Nothing to initialise: there is no control plane. */
    @Override
    public void initControlPlane(NodeContext node) {
    }

    /** Nothing to join: machines share a network and nothing else. */
    @Override
    public void join(NodeContext node, NodeContext controlPlane) {
    }

    /** Nothing was installed beyond the runtime, which goes with the machine. */
    @Override
    public void reset(NodeContext node) {
    }
}
