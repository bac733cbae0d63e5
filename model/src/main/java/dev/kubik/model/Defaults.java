package dev.kubik.model;

import java.util.List;

/** The values a script gets for what it does not say; printed by {@code kubik defaults}. */
public final class Defaults {
    public static final String PROFILE = "kubik";
    public static final int CPUS = 2;
    public static final long MEMORY_MIB = 4096;
    public static final long DISK_MIB = 20480;
    public static final String RUNTIME = "containerd";
    public static final String BOOTSTRAPPER = "kubeadm";
    public static final int NODES = 1;
    public static final int CONTROL_PLANES = 1;
    public static final String POD_SUBNET = "10.244.0.0/16";
    public static final String SERVICE_SUBNET = "10.96.0.0/12";
    public static final String DNS_DOMAIN = "cluster.local";

    private Defaults() {
    }

    /**
     * The defaults as a table of keyword and value, for {@code kubik defaults}.
     *
     * @param kubernetesVersion the default bootstrapper's default version and the minors it supports, as it
     *                          declares them (versions are the bootstrapper's knowledge)
     */
    public static List<String[]> table(String kubernetesVersion) {
        return List.of(
                new String[]{"profile", PROFILE},
                new String[]{"driver", "auto-selected: the healthiest, most preferred driver on this host"},
                new String[]{"cpus", String.valueOf(CPUS)},
                new String[]{"memory", MEMORY_MIB + " MiB"},
                new String[]{"disk", DISK_MIB + " MiB (20 GiB)"},
                new String[]{"nodes", String.valueOf(NODES)},
                new String[]{"controlPlanes", String.valueOf(CONTROL_PLANES)},
                new String[]{"kubernetes.version", kubernetesVersion},
                new String[]{"kubernetes.runtime", RUNTIME},
                new String[]{"kubernetes.bootstrapper", BOOTSTRAPPER},
                new String[]{"kubernetes.podSubnet", POD_SUBNET},
                new String[]{"kubernetes.serviceSubnet", SERVICE_SUBNET},
                new String[]{"kubernetes.dnsDomain", DNS_DOMAIN},
                new String[]{"kubernetes.registryMirrors", "none: images come from their registries"},
                new String[]{"kubernetes.binaries", "downloaded into ~/.kubik/cache (or from KUBIK_MIRROR)"},
                new String[]{"addons", "none: a script gets the addons it names (kubik start adds storage-provisioner, default-storageclass)"});
    }
}
