package dev.kubik.driver.qemu;

import java.util.ArrayList;
import java.util.List;

/** The qemu command line of one machine: every value comes from its record, and goes as one argv word. */
final class QemuCommand {
    private QemuCommand() {
    }

    /** The host's CPU where it is virtualised, else every feature TCG emulates. */
    static String cpuModel(String accel) {
        return accel.equals("tcg") ? "max" : "host";
    }

    static List<String> argv(QemuMachine m) {
        List<String> argv = new ArrayList<>(List.of(QemuDriver.binary(),
                "-name", m.name(),
                "-accel", m.accel(),
                "-cpu", cpuModel(m.accel()),
                "-smp", String.valueOf(m.cpus()),
                "-m", String.valueOf(m.memoryMiB()),
                "-display", "none", "-vga", "none", "-no-reboot",
                "-kernel", m.kernel(), "-initrd", m.initrd(),
                "-append", "console=ttyS0 systemd.hostname=" + m.name()
                        + (m.clusterPort() == 0 ? "" : " kubik.ip=" + m.clusterIp() + "/24 kubik.mac=" + m.mac()),
                "-drive", "file=" + m.disk() + ",if=virtio,format=raw",
                "-nic", "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:" + m.sshPort() + "-:22,hostfwd=tcp:127.0.0.1:"
                        + m.apiPort() + "-:" + m.guestApiPort()));
        if (m.clusterPort() != 0) {
            argv.addAll(List.of(
                    "-netdev", "socket,id=cluster,mcast=" + QemuNetworks.GROUP + ":" + m.clusterPort() + ",localaddr=127.0.0.1",
                    "-device", "virtio-net-pci,netdev=cluster,mac=" + m.mac()));
        }
        argv.addAll(List.of(
                "-serial", "file:" + m.serialLog(),
                "-monitor", "none",
                "-qmp", "unix:" + m.qmpSocket() + ",server=on,wait=off",
                "-pidfile", m.pidFile().toString(),
                "-daemonize"));
        return argv;
    }
}
