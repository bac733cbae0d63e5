package dev.kubik.spi;

import java.util.List;

/**
 * What a bootstrapper is and what it accepts, apart from what it does: validation, completion and {@code kubik
 * defaults} need only this. Each bootstrapper owns its Kubernetes knowledge (versions, runtimes, components), so a
 * new one (k3s, Talos) adds its own without touching the language or the engine.
 */
public interface BootstrapperDescriptor {
    /** The name scripts use in {@code bootstrapper '...'}. */
    String name();

    String description();

    /** Whether this bootstrapper installs Kubernetes (addons and the kubeconfig need it). */
    boolean installsKubernetes();

    /**
     * The least memory a node may have, in MiB: Kubernetes' floor where it installs Kubernetes (kubeadm's preflight
     * wants 1700 MB; minikube asks 1800 MiB), else what systemd, sshd and a container runtime boot in.
     */
    default long minimumMemoryMiB() {
        return installsKubernetes() ? 1800 : 512;
    }

    /** The container runtimes it can configure, the default first. */
    List<String> runtimes();

    /** The Kubernetes minors it supports, newest first ({@code v1.34}); empty when it installs none. */
    default List<String> kubernetesMinors() {
        return List.of();
    }

    /** The version a script gets when it names none; empty when it installs no Kubernetes. */
    default String defaultKubernetesVersion() {
        return "";
    }

    /**
     * The version a script means by what it wrote: a minor alone ({@code v1.36}) is its newest patch this
     * bootstrapper knows; anything else is returned as written, for {@link #validate} to judge.
     */
    default String resolveVersion(String written) {
        return written;
    }

    /** What it can do: {@link Capability#KUBERNETES} when it installs Kubernetes, and what it adds. */
    default java.util.Set<Capability> capabilities() {
        return installsKubernetes() ? java.util.EnumSet.of(Capability.KUBERNETES) : java.util.EnumSet.noneOf(Capability.class);
    }

    /**
     * Why a running cluster cannot move from {@code from} to {@code to} in place (skipping a minor, going back), in
     * the bootstrapper's own rule; empty when it can. Asked only of bootstrappers that declare
     * {@link Capability#UPGRADE}.
     */
    default java.util.Optional<SettingProblem> upgradeProblem(String from, String to) {
        return java.util.Optional.of(new SettingProblem("kubernetes.version",
                "the " + name() + " bootstrapper cannot upgrade Kubernetes in place", null));
    }

    /** The components {@code extraConfig} may configure. */
    default List<String> components() {
        return List.of();
    }

    /**
     * What is wrong with these Kubernetes settings for this bootstrapper; each problem names the setting
     * ({@code kubernetes.version}, {@code kubernetes.registryMirrors.docker.io}) so the language can point at it.
     */
    default List<SettingProblem> validate(KubernetesSpec kubernetes) {
        return List.of();
    }
}
