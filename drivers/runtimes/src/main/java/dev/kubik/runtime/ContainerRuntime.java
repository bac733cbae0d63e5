package dev.kubik.runtime;

import java.util.List;
import java.util.Map;

/**
 * One container runtime a node can run, as minikube's cruntime knows each: the unit serving its CRI endpoint, the
 * socket, the files that configure it for the kubelet, and the commands that probe it and move images in and out.
 * Commands are argument vectors for root, without {@code sudo}.
 */
public interface ContainerRuntime {
    /** The name scripts use in {@code runtime '...'}. */
    String name();

    /**
     * The runtime as a node without Kubernetes runs it (bootstrapper 'none'): the same, except where its CRI
     * endpoint is a daemon of its own that only the kubelet needs (dockerd's cri-dockerd).
     */
    default ContainerRuntime withoutKubernetes() {
        return this;
    }

    /** The systemd unit serving the CRI endpoint. */
    String unit();

    /** The CRI socket the kubelet talks to. */
    String criSocket();

    /** The units to restart, in order, when a file the runtime reads at start changed. */
    List<String> restartOrder();

    /** A command that succeeds only when the daemon answers. */
    List<String> probe();

    /** Reads an image archive (docker save's format) on standard input into the store the kubelet uses. */
    List<String> imageImport();

    /** Prints the images in that store, one reference per line. */
    List<String> imageList();

    /** Removes one image, by a reference as {@link #imageList()} prints it, from that store. */
    List<String> imageRemove(String reference);

    /**
     * Pauses (freezes, as {@code docker pause} does) or, with {@code pause} false, resumes the running Kubernetes
     * containers of pods in {@code namespaces}: run as root, it prints the id of each container it changed, one a line.
     */
    List<String> pauseContainers(boolean pause, List<String> namespaces);

    /** Prints, as root, the id of each paused Kubernetes container of pods in {@code namespaces}, one a line. */
    List<String> pausedContainers(List<String> namespaces);

    /** Whether registry mirrors can be set for this registry (dockerd mirrors only Docker Hub). */
    boolean canMirror(String registry);

    /** Every configuration file for these settings, path to content, in the order they are written. */
    Map<String, String> files(RuntimeSettings settings);

    /** Files kubik may have written for earlier settings (registry mirrors), as shell globs, to prune. */
    List<String> prunable();

    /** Whether a change to this file needs the runtime restarted (some files are read on every use). */
    boolean needsRestart(String path);
}
