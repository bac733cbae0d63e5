package dev.kubik.engine.snapshots;

import dev.kubik.engine.state.AtomicFiles;
import dev.kubik.engine.state.Json;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.MachineRecord;
import dev.kubik.model.Role;
import dev.kubik.spi.Bootstrapper;
import dev.kubik.spi.Capability;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.NodeContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster's etcd snapshots on the host (kontainer-engine's ETCDSave and ETCDRestore): each is
 * {@code ~/.kubik/profiles/P/snapshots/NAME.db}, readable by its owner only (it holds the cluster's secrets), beside
 * {@code NAME.json} with its sha256 and the Kubernetes version it was taken from. Taking and restoring are the
 * bootstrapper's; this checks what can be checked on the host first, so a wrong snapshot changes nothing.
 */
public final class EtcdSnapshots {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MINOR = Pattern.compile("(v\\d+\\.\\d+)\\.\\d+");

    /** What is known of a snapshot besides its bytes. */
    public record Snapshot(String name, String sha256, String kubernetesVersion, String created, long bytes) {
    }

    /** Work on a running cluster's first control plane, under the profile's lock. */
    @FunctionalInterface
    public interface OnPrimary {
        <T> T run(String profile, PrimaryWork<T> work);
    }

    @FunctionalInterface
    public interface PrimaryWork<T> {
        T apply(ClusterState state, Bootstrapper bootstrapper, NodeContext primary);
    }

    private final java.util.function.Function<String, Path> profileDir;
    private final OnPrimary primary;

    /** @param profileDir where a profile's files are */
    public EtcdSnapshots(java.util.function.Function<String, Path> profileDir, OnPrimary primary) {
        this.profileDir = profileDir;
        this.primary = primary;
    }

    public Snapshot save(String profile, String name) {
        requireName(name);
        Path db = dir(profile).resolve(name + ".db");
        if (Files.exists(db)) {
            throw new DriverException("cluster '" + profile + "' already has a snapshot named " + name,
                    "choose another name, or remove it first: kubik etcd snapshot rm " + name + " -p " + profile);
        }
        return primary.run(profile, (state, bootstrapper, node) -> {
            requireSnapshots(bootstrapper);
            byte[] bytes = bootstrapper.saveEtcdSnapshot(node);
            // What the control plane runs now (mid-upgrade, the script's version may not be it yet).
            String version = state.machine(node.name()).map(state::versionOf).orElse(node.kubernetesVersion());
            Snapshot snapshot = new Snapshot(name, sha256(bytes), version, Instant.now().toString(), bytes.length);
            AtomicFiles.writePrivate(db, bytes);
            try {
                AtomicFiles.write(dir(profile).resolve(name + ".json"), Json.mapper().writeValueAsBytes(snapshot));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return snapshot;
        });
    }

    /** The profile's snapshots, oldest first. */
    public List<Snapshot> list(String profile) {
        Path dir = dir(profile);
        if (!Files.isDirectory(dir)) return List.of();
        List<Snapshot> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                snapshots.add(Json.mapper().readValue(file.toFile(), Snapshot.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        snapshots.sort(java.util.Comparator.comparing(Snapshot::created));
        return snapshots;
    }

    public void remove(String profile, String name) {
        find(profile, name);
        try {
            Files.deleteIfExists(dir(profile).resolve(name + ".json"));
            Files.deleteIfExists(dir(profile).resolve(name + ".db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the file against its recorded sha256 and its Kubernetes minor against what every node runs, then has
     * the bootstrapper restore it. One control plane only: several etcd members must all be restored from the same
     * snapshot as a new etcd cluster, which kubik does not do; it refuses before touching anything.
     */
    public Snapshot restore(String profile, String name) {
        Snapshot snapshot = find(profile, name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir(profile).resolve(name + ".db"));
        } catch (IOException e) {
            throw new DriverException("snapshot " + name + " of cluster '" + profile + "' cannot be read: " + e.getMessage(), null, e);
        }
        if (!sha256(bytes).equals(snapshot.sha256())) {
            throw new DriverException("snapshot " + name + " does not match its recorded sha256 (" + snapshot.sha256()
                    + "): the file changed since it was saved; nothing was restored", "remove it: kubik etcd snapshot rm " + name);
        }
        return primary.run(profile, (state, bootstrapper, node) -> {
            requireSnapshots(bootstrapper);
            for (String running : state.runningVersions()) {
                if (!minor(running).equals(minor(snapshot.kubernetesVersion()))) {
                    throw new DriverException("snapshot " + name + " was taken from Kubernetes " + snapshot.kubernetesVersion()
                            + " and cluster '" + profile + "' runs " + running + ": etcd's data belongs to its minor; nothing was restored",
                            "restore it into a cluster at " + minor(snapshot.kubernetesVersion()));
                }
            }
            List<String> controlPlanes = state.machines().stream().filter(m -> m.role() == Role.CONTROL_PLANE)
                    .map(MachineRecord::name).toList();
            if (controlPlanes.size() > 1) {
                throw new DriverException("cluster '" + profile + "' has " + controlPlanes.size() + " control planes ("
                        + String.join(", ", controlPlanes) + "): each etcd member would have to be restored from the snapshot "
                        + "as a new etcd cluster at once, which kubik does not do; nothing was restored",
                        "restore into a cluster with one control plane (controlPlanes 1)");
            }
            bootstrapper.restoreEtcdSnapshot(node, bytes);
            return snapshot;
        });
    }

    private Snapshot find(String profile, String name) {
        requireName(name);
        Path json = dir(profile).resolve(name + ".json");
        if (!Files.isRegularFile(json)) {
            List<String> names = list(profile).stream().map(Snapshot::name).toList();
            throw new DriverException("cluster '" + profile + "' has no snapshot named " + name,
                    names.isEmpty() ? "save one: kubik etcd snapshot save NAME -p " + profile : "snapshots: " + String.join(", ", names));
        }
        try {
            return Json.mapper().readValue(json.toFile(), Snapshot.class);
        } catch (IOException e) {
            throw new DriverException("snapshot " + name + "'s record " + json + " is damaged: " + e.getMessage(), "remove it", e);
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DriverException("'" + name + "' is not a snapshot name",
                    "up to 64 letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
    }

    private static void requireSnapshots(Bootstrapper bootstrapper) {
        if (!bootstrapper.capabilities().contains(Capability.ETCD_SNAPSHOTS)) {
            throw new DriverException("the " + bootstrapper.name() + " bootstrapper keeps no etcd", "bootstrapper 'kubeadm' has etcd snapshots");
        }
    }

    private Path dir(String profile) {
        return profileDir.apply(profile).resolve("snapshots");
    }

    private static String minor(String version) {
        Matcher m = MINOR.matcher(version == null ? "" : version);
        return m.matches() ? m.group(1) : String.valueOf(version);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
