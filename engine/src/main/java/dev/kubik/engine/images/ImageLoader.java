package dev.kubik.engine.images;

import dev.kubik.plan.ClusterState;
import dev.kubik.plan.MachineRecord;
import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.NodeAccess;
import dev.kubik.runtime.ContainerRuntimes;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.MachineState;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * {@code kubik image load}: puts an image into every running node's container runtime, where the kubelet finds it
 * without a registry. The archive (a file, or {@code docker save} of a host image) is read once per node and
 * streamed into the runtime's own import command, through the driver's local channel where it has one (docker
 * exec: no encryption on a local socket), else over SSH; nothing is staged on the node's disk.
 */
public final class ImageLoader {
    private final DriverContext context;
    /** A docker image reference: optional registry and path, a tag and/or a digest. Never an option. */
    private static final Pattern REFERENCE = Pattern.compile("[a-z0-9][a-z0-9._/:-]*(@sha256:[0-9a-f]{64})?");
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(15);

    private final ProfileStore store;
    private final Events events;

    public ImageLoader(ProfileStore store, Events events, DriverContext context) {
        this.context = context;
        this.store = store;
        this.events = events;
    }

    /** What landed where. */
    public record Loaded(String node, long bytes, Duration took) {
    }

    /**
     * Loads {@code source}, an archive path or an image the host's docker has, into {@code node} or, when null,
     * every running node of the profile.
     */
    public List<Loaded> load(String profile, Driver driver, ClusterState state, String source, String node) {
        List<MachineRecord> targets = runningTargets(profile, state, node);
        Path file = Path.of(source);
        boolean saved = !Files.isRegularFile(file);
        Path archive = saved ? save(source) : file;
        try (NodeAccess nodes = new NodeAccess(profile, store)) {
            long size = Files.size(archive);
            List<String> command = ContainerRuntimes.asRoot(ContainerRuntimes.of(state.runtime()).imageImport());
            List<CompletableFuture<Loaded>> loads = new ArrayList<>();
            for (MachineRecord machine : targets) {
                loads.add(CompletableFuture.supplyAsync(() -> {
                    long started = System.nanoTime();
                    CommandResult result;
                    try (InputStream in = Files.newInputStream(archive)) {
                        result = bulkRunner(driver, nodes, machine)
                                .run(command, in, IMPORT_TIMEOUT);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (!result.ok()) {
                        throw new DriverException("loading " + source + " into " + machine.name() + " failed (exit "
                                + result.exitStatus() + "): " + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip(),
                                "is it an image archive (docker save's format)? kubik ssh -n " + machine.shortName()
                                        + " -p " + profile + " -- " + String.join(" ", command));
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    events.info(String.format("Loaded %s into %s (%.1f MiB, %.1f s)", source, machine.name(),
                            size / 1048576.0, took.toMillis() / 1000.0));
                    return new Loaded(machine.name(), size, took);
                }));
            }
            List<Loaded> loaded = new ArrayList<>();
            for (CompletableFuture<Loaded> load : loads) {
                try {
                    loaded.add(load.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException cause) throw cause;
                    throw e;
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (saved) archive.toFile().delete();
        }
    }

    /** Image reference → the machines whose runtime holds it, sorted by reference. */
    public java.util.SortedMap<String, List<String>> list(String profile, Driver driver, ClusterState state, String node) {
        java.util.SortedMap<String, List<String>> images = new java.util.TreeMap<>();
        List<String> command = ContainerRuntimes.asRoot(ContainerRuntimes.of(state.runtime()).imageList());
        try (NodeAccess nodes = new NodeAccess(profile, store)) {
            for (MachineRecord machine : runningTargets(profile, state, node).stream()
                    .sorted(java.util.Comparator.comparing(MachineRecord::name)).toList()) {
                CommandResult result = bulkRunner(driver, nodes, machine)
                        .run(command, Duration.ofMinutes(1));
                if (!result.ok()) {
                    throw new DriverException("listing images on " + machine.name() + " failed: " + result.stderr().strip(), null);
                }
                result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("sha256:"))
                        .forEach(image -> images.computeIfAbsent(image, i -> new ArrayList<>()).add(machine.name()));
            }
        }
        return images;
    }

    /**
     * Removes an image from the nodes' runtimes (every running node's, or {@code node}'s), as {@code minikube image
     * rm}: {@code reference} as {@link #list} shows it, or as docker names it ({@code busybox:1} is
     * {@code docker.io/library/busybox:1} in containerd). Returns the machines it was removed from; an image in
     * none of them is an error naming what they hold.
     */
    public List<String> remove(String profile, Driver driver, ClusterState state, String reference, String node) {
        java.util.SortedMap<String, List<String>> held = list(profile, driver, state, node);
        List<String> names = java.util.stream.Stream.of(reference, dockerReference(reference)).distinct().filter(held::containsKey).toList();
        if (names.isEmpty()) {
            throw new DriverException("no node holds image " + reference, held.isEmpty() ? "the nodes hold no images"
                    : "the nodes hold: " + String.join(", ", held.keySet()));
        }
        List<String> removedFrom = new ArrayList<>();
        try (NodeAccess nodes = new NodeAccess(profile, store)) {
            for (MachineRecord machine : runningTargets(profile, state, node).stream()
                    .sorted(java.util.Comparator.comparing(MachineRecord::name)).toList()) {
                for (String name : names) {
                    if (!held.get(name).contains(machine.name())) continue;
                    CommandResult result = bulkRunner(driver, nodes, machine).run(
                            ContainerRuntimes.asRoot(ContainerRuntimes.of(state.runtime()).imageRemove(name)), Duration.ofMinutes(1));
                    if (!result.ok()) {
                        throw new DriverException("removing " + name + " on " + machine.name() + " failed: " + result.stderr().strip(), null);
                    }
                    if (!removedFrom.contains(machine.name())) removedFrom.add(machine.name());
                }
            }
        }
        return removedFrom;
    }

    /** docker's short names in full: {@code busybox} is {@code docker.io/library/busybox:latest}. */
    static String dockerReference(String reference) {
        String name = reference;
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (!registry) name = "docker.io/" + (name.contains("/") ? name : "library/" + name);
        boolean tagged = name.lastIndexOf(':') > name.lastIndexOf('/') || name.contains("@");
        return tagged ? name : name + ":latest";
    }

    /** The driver's local channel where it has one (no encryption on a local socket), else SSH. */
    private CommandRunner bulkRunner(Driver driver, NodeAccess nodes, MachineRecord machine) {
        return driver.localRunner(machine.ref(), context)
                .orElseGet(() -> nodes.runner(machine.name(), () -> driver.ssh(machine.ref(), context)));
    }

    /** The machines a command acts on: {@code node} (full or short name) or all; every one must be running. */
    private static List<MachineRecord> runningTargets(String profile, ClusterState state, String node) {
        List<MachineRecord> targets = state.machines().stream()
                .filter(m -> node == null || m.name().equals(node) || m.shortName().equals(node)).toList();
        if (targets.isEmpty()) {
            throw new DriverException("profile '" + profile + "' has no node '" + node + "'",
                    "nodes: " + String.join(", ", state.machines().stream().map(MachineRecord::shortName).toList()));
        }
        List<String> stopped = targets.stream().filter(m -> m.state() != MachineState.RUNNING).map(MachineRecord::name).toList();
        if (!stopped.isEmpty()) {
            throw new DriverException("not running: " + String.join(", ", stopped), "kubik start -p " + profile);
        }
        return targets;
    }

    /** {@code docker save} of a host image into a temporary archive. */
    private Path save(String image) {
        if (!REFERENCE.matcher(image).matches()) {
            throw new DriverException("'" + image + "' is neither a file nor an image name",
                    "give an image the host's docker has (docker image ls) or an archive made by docker save");
        }
        try {
            Path archive = Files.createTempFile("kubik-image-", ".tar");
            events.info("Saving " + image + " from the host's docker");
            Process save = new ProcessBuilder("docker", "save", "--output", archive.toString(), image)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(save.getErrorStream().readAllBytes()).strip();
            if (save.waitFor() != 0) {
                Files.deleteIfExists(archive);
                throw new DriverException("the host's docker has no image " + image + ": " + err,
                        "docker pull " + image + " (or docker build), or give an archive made by docker save");
            }
            return archive;
        } catch (IOException e) {
            throw new DriverException("could not run docker save: " + e.getMessage(),
                    "give an image archive file instead (docker save -o FILE.tar IMAGE on a machine that has it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", null, e);
        }
    }
}
