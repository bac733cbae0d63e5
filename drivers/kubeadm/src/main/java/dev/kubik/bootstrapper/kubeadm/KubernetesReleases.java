package dev.kubik.bootstrapper.kubeadm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts that differ between Kubernetes releases: per minor, the newest patch kubik knows and the images that
 * release's kubeadm expects ({@code kubeadm config images list}: pause, etcd, CoreDNS), as minikube records them
 * (pkg/minikube/constants/constants_kubeadm_images.go). v1.37.0's row is minikube's v1.37.0-rc.0 one: the
 * release candidates and the release list the same images.
 */
final class KubernetesReleases {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern MINOR_ONLY = Pattern.compile("v?(\\d+)\\.(\\d+)");

    /** One minor: its newest patch kubik knows and the images kubeadm pulls for it. */
    record Release(String newestPatch, String pause, String etcd, String coreDns) {
    }

    /** Newest first. v1.30 stays for the v1beta3 rendering only: it is not offered. */
    private static final Map<Integer, Release> RELEASES = new LinkedHashMap<>();

    static {
        RELEASES.put(37, new Release("v1.37.0", "3.10.2", "3.7.0-0", "v1.14.6"));
        RELEASES.put(36, new Release("v1.36.3", "3.10.2", "3.6.8-0", "v1.14.2"));
        RELEASES.put(35, new Release("v1.35.7", "3.10.1", "3.6.6-0", "v1.13.1"));
        RELEASES.put(34, new Release("v1.34.10", "3.10.1", "3.6.5-0", "v1.12.1"));
        RELEASES.put(33, new Release("v1.33.13", "3.10", "3.5.24-0", "v1.12.0"));
        RELEASES.put(32, new Release("v1.32.13", "3.10", "3.5.24-0", "v1.11.3"));
        RELEASES.put(31, new Release("v1.31.14", "3.10", "3.5.24-0", "v1.11.3"));
        RELEASES.put(30, new Release("v1.30.14", "3.9", "3.5.15-0", "v1.11.3"));
    }

    private static final int OLDEST_OFFERED = 31;

    /** The minors kubik's kubeadm bootstrapper supports, newest first; any patch release of these is accepted. */
    static final List<String> MINORS = RELEASES.keySet().stream().filter(m -> m >= OLDEST_OFFERED).map(m -> "v1." + m).toList();

    /**
     * A script that names no version gets this one: minikube's default since v1.39 (September 2026), the newest
     * minor it supports. Its images are those minikube lists for v1.37.0-rc.0, the newest row of its table here.
     */
    static final String DEFAULT_VERSION = RELEASES.get(37).newestPatch();

    private KubernetesReleases() {
    }

    /** Whether {@code version} is a full release version (v1.34.0) of a supported minor. */
    static boolean supported(String version) {
        Matcher m = VERSION.matcher(version);
        return m.matches() && MINORS.contains("v" + m.group(1) + "." + m.group(2));
    }

    static boolean wellFormed(String version) {
        return VERSION.matcher(version).matches();
    }

    /** A minor alone ({@code v1.36}) means its newest patch kubik knows; anything else stays as written. */
    static String resolve(String version) {
        Matcher m = MINOR_ONLY.matcher(version);
        if (!m.matches() || !m.group(1).equals("1")) return version;
        int minor = Integer.parseInt(m.group(2));
        return minor < OLDEST_OFFERED || !RELEASES.containsKey(minor) ? version : RELEASES.get(minor).newestPatch();
    }

    /** A minor alone, as written ({@link #resolve} turns the ones kubik knows into full versions). */
    static boolean minorOnly(String version) {
        return MINOR_ONLY.matcher(version).matches();
    }

    static int minor(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) throw new IllegalArgumentException("not a Kubernetes version: " + version);
        return Integer.parseInt(m.group(2));
    }

    static int patch(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) throw new IllegalArgumentException("not a Kubernetes version: " + version);
        return Integer.parseInt(m.group(3));
    }

    /**
     * kubeadm's upgrade policy: forward only, one minor at a time (kubeadm refuses a larger step; it has no
     * downgrade). Empty when {@code from → to} is an upgrade kubeadm performs.
     */
    static Optional<String> upgradeRefusal(String from, String to) {
        if (!wellFormed(from) || !wellFormed(to) || from.equals(to)) return Optional.empty();
        if (older(to, from)) return Optional.of("goes back: kubeadm upgrades, it never downgrades");
        if (minor(to) > minor(from) + 1) {
            return Optional.of("skips v1." + (minor(from) + 1) + ": kubeadm upgrades one minor version at a time");
        }
        return Optional.empty();
    }

    /** Whether release {@code a} comes before release {@code b}. */
    static boolean older(String a, String b) {
        return minor(a) < minor(b) || minor(a) == minor(b) && patch(a) < patch(b);
    }

    static Optional<Release> release(String version) {
        return Optional.ofNullable(RELEASES.get(minor(version)));
    }

    /** kubeadm reads v1beta4 from 1.31 on (and v1beta3 is gone after 1.34); v1beta3 before. */
    static String kubeadmApiVersion(String version) {
        return minor(version) >= 31 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
    }

    static boolean structuredExtraArgs(String version) {
        return minor(version) >= 31;
    }

    /**
     * The ExtendWebSocketsToKubelet gate must be off from 1.36 with the docker runtime (cri-dockerd): minikube
     * turns it off for its control-plane components since adding 1.36 (minikube#22921).
     */
    static boolean needsWebSocketsToKubeletOff(String version, String runtime) {
        return minor(version) >= 36 && runtime.equals("docker");
    }

    static final String DEFAULT_REPOSITORY = "registry.k8s.io";

    /** The sandbox image kubeadm expects for the version, from {@code repository} (null: registry.k8s.io). */
    static String pauseImage(String version, String repository) {
        // A minor kubik does not know (validation refuses it) gets the newest pause.
        String pause = release(version).orElse(RELEASES.values().iterator().next()).pause();
        return (repository == null ? DEFAULT_REPOSITORY : repository) + "/pause:" + pause;
    }
}
