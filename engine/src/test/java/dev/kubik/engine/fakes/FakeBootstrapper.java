package dev.kubik.engine.fakes;

import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;

import java.util.List;

/**
 * An in-memory bootstrapper that installs "Kubernetes": each call is recorded in {@link FakeWorld} and runs one
 * command on the node, so the order the engine calls it in, and on which nodes, can be checked.
 */
public final class FakeBootstrapper implements Bootstrapper {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "records what it is asked, for engine tests";
    }

    @Override
    public boolean installsKubernetes() {
        return true;
    }

    @Override
    public List<String> runtimes() {
        return List.of("containerd");
    }

    @Override
    public List<String> kubernetesMinors() {
        return List.of("v1.34");
    }

    @Override
    public String defaultKubernetesVersion() {
        return "v1.34.0";
    }

    @Override
    public void prepareRuntime(NodeContext node) {
        FakeWorld.CALLS.add("runtime " + node.name());
    }

    @Override
    public void initControlPlane(NodeContext node, ClusterPki pki) {
        FakeWorld.CALLS.add("init " + node.name() + " " + node.ip() + " certs:" + pki.names().size());
        node.runner().run("true");
    }

    @Override
    public void certificatesChanged(NodeContext primary, ClusterPki pki) {
        FakeWorld.CALLS.add("certificates " + primary.name());
    }

    @Override
    public void installBinaries(NodeContext node) {
        FakeWorld.CALLS.add("binaries " + node.name() + " " + node.kubernetesVersion());
    }

    @Override
    public void join(NodeContext node, NodeContext controlPlane) {
        FakeWorld.CALLS.add("join " + node.name() + " to " + controlPlane.name());
        FakeWorld.hang("join " + node.name());
        if (FakeWorld.FAIL_JOIN.remove(node.name())) {
            throw new DriverException("join of " + node.name() + " failed", null);
        }
    }

    @Override
    public void drain(NodeContext controlPlane, String node) {
        FakeWorld.CALLS.add("drain " + node);
    }

    @Override
    public void reset(NodeContext node) {
        FakeWorld.CALLS.add("reset " + node.name());
    }
}
