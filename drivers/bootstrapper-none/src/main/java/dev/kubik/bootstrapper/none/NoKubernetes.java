package dev.kubik.bootstrapper.none;

import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.ClusterPki;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.NodeContext;
import dev.kubik.spi.SettingProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Machines and a container runtime, no Kubernetes: what {@code minikube start --no-kubernetes} leaves. The
 * runtime as the node image has it: enabled, started, and asked for its version until it answers.
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

    /** Any runtime kubik knows; its configuration stays as the node image has it. */
    @Override
    public List<String> runtimes() {
        return ContainerRuntimes.names();
    }

    /** Settings that only configure Kubernetes are refused rather than silently ignored. */
    @Override
    public List<SettingProblem> validate(KubernetesSpec kubernetes) {
        List<SettingProblem> problems = new ArrayList<>();
        kubernetes.registryMirrors().keySet().forEach(registry -> problems.add(new SettingProblem(
                "kubernetes.registryMirrors." + registry, "registry mirrors are configured by a bootstrapper that sets up "
                + "the runtime for Kubernetes, and 'none' does not", "remove registryMirrors, or use bootstrapper 'kubeadm'")));
        if (kubernetes.binaries() != null) {
            problems.add(new SettingProblem("kubernetes.binaries", "bootstrapper 'none' installs no Kubernetes binaries",
                    "remove binaries, or use bootstrapper 'kubeadm'"));
        }
        return problems;
    }

    @Override
    public void prepareRuntime(NodeContext node) {
        ContainerRuntimes.start(node, ContainerRuntimes.of(node.runtime()).withoutKubernetes());
    }

    /** Nothing to initialise: there is no control plane. */
    @Override
    public void initControlPlane(NodeContext node, ClusterPki pki) {
    }

    /** Installs no Kubernetes, so there are no binaries (and the planner plans no such step). */
    @Override
    public void installBinaries(NodeContext node) {
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
