package dev.kubik.driver.vfkit;

import dev.kubik.spi.HostMount;

import java.util.ArrayList;
import java.util.List;

/** vfkit's command line for one VM, as minikube's driver builds it; each value is one argv word. */
final class VfkitCommand {
    private VfkitCommand() {
    }

    /**
     * @param network nat, or vmnet-shared through the helper's socket
     * @param mounts  host directories shared as virtio-fs devices, tagged by {@link VfkitShares#tag}
     */
    static List<String> argv(String vfkit, VfkitFiles files, String name, int cpus, long memoryMiB, String mac, String network,
                             List<HostMount> mounts) {
        // The kernel's console: the serial port on amd64 (minikube's choice), virtio's console on arm64.
        String console = System.getProperty("os.arch").matches("aarch64|arm64") ? "hvc0" : "ttyS0";
        List<String> argv = new ArrayList<>(List.of(vfkit,
                "--cpus", String.valueOf(cpus),
                "--memory", String.valueOf(memoryMiB),
                "--restful-uri", "unix://" + files.restSocket(),
                "--log-level", "info",
                "--bootloader", "linux,kernel=" + files.kernel() + ",initrd=" + files.initrd()
                        + ",cmdline=\"console=" + console + " systemd.hostname=" + name + "\"",
                "--device", network.equals("nat") ? "virtio-net,nat,mac=" + mac
                        : "virtio-net,unixSocketPath=" + files.helperSocket() + ",mac=" + mac,
                "--device", "virtio-rng",
                "--device", "virtio-blk,path=" + files.iso(),
                "--device", "virtio-blk,path=" + files.disk(),
                "--device", "virtio-serial,logFilePath=" + files.serialLog()));
        for (int i = 0; i < mounts.size(); i++) {
            argv.addAll(List.of("--device", "virtio-fs,sharedDir=" + mounts.get(i).hostPath() + ",mountTag=" + VfkitShares.tag(i)));
        }
        return argv;
    }
}
