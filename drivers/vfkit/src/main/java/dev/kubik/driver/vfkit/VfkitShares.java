package dev.kubik.driver.vfkit;

import dev.kubik.spi.HostMount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host directories shared into a vfkit VM: a virtio-fs device per directory on vfkit's command line, tagged by its
 * index, and mounted by that tag inside the guest after every boot (the node's root is a fresh tmpfs each time).
 */
final class VfkitShares {
    private VfkitShares() {
    }

    static String tag(int index) {
        return "kubik-mount-" + index;
    }

    /** The driver state's record: {@code mounts} counts them, {@code mount.N.host} and {@code mount.N.guest} each. */
    static Map<String, String> record(List<HostMount> mounts) {
        Map<String, String> state = new HashMap<>(Map.of("mounts", String.valueOf(mounts.size())));
        for (int i = 0; i < mounts.size(); i++) {
            state.put("mount." + i + ".host", mounts.get(i).hostPath());
            state.put("mount." + i + ".guest", mounts.get(i).guestPath());
        }
        return state;
    }

    static List<HostMount> of(Map<String, String> state) {
        int count = Integer.parseInt(state.getOrDefault("mounts", "0"));
        List<HostMount> mounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mounts.add(new HostMount(state.get("mount." + i + ".host"), state.get("mount." + i + ".guest")));
        }
        return mounts;
    }

    /** Mounts share {@code index} at its guest path unless it is mounted already; tag and path travel as arguments. */
    static List<String> mountCommand(int index, HostMount mount) {
        return List.of("sudo", "sh", "-c", "mountpoint -q \"$2\" || { mkdir -p \"$2\" && mount -t virtiofs \"$1\" \"$2\"; }",
                "sh", tag(index), mount.guestPath());
    }
}
