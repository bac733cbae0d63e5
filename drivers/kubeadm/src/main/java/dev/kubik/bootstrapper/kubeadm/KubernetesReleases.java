package dev.kubik.bootstrapper.kubeadm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts that differ between Kubernetes releases. */
final class KubernetesReleases {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    /** The pause (sandbox) image each minor's kubeadm expects ({@code kubeadm config images list}). */
    private static final Map<Integer, String> PAUSE = Map.of(30, "3.9", 31, "3.10", 32, "3.10", 33, "3.10", 34, "3.10.1");

    /** The minors kubik's kubeadm bootstrapper supports, newest first; any patch release of these is accepted. */
    static final java.util.List<String> MINORS = java.util.List.of("v1.34", "v1.33", "v1.32");
    /** A script that names no version gets this one. */
    static final String DEFAULT_VERSION = "v1.34.0";

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

    static int minor(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) throw new IllegalArgumentException("not a Kubernetes version: " + version);
        return Integer.parseInt(m.group(2));
    }

    /** kubeadm reads v1beta4 from 1.31 on (and v1beta3 is gone after 1.34); v1beta3 before. */
    static String kubeadmApiVersion(String version) {
        return minor(version) >= 31 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
    }

    static boolean structuredExtraArgs(String version) {
        return minor(version) >= 31;
    }

    static final String DEFAULT_REPOSITORY = "registry.k8s.io";

    /** The sandbox image kubeadm expects for the version, from {@code repository} (null: registry.k8s.io). */
    static String pauseImage(String version, String repository) {
        return (repository == null ? DEFAULT_REPOSITORY : repository) + "/pause:" + PAUSE.getOrDefault(minor(version), "3.10.1");
    }
}
