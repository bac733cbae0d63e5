package dev.kubik.dsl.model;

import java.util.List;

/** The addons kubik ships manifests for. */
public final class Addons {
    public static final List<String> KNOWN = List.of(
            "storage-provisioner", "default-storageclass", "metrics-server", "ingress", "dashboard", "registry");

    private Addons() {
    }
}
