package dev.kubik.driver.qemu;

import dev.kubik.spi.MachineRef;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything needed to boot one VM again. It travels as the driver state the engine stores with the profile and
 * hands back on every call ({@link #state}, {@link #of}), so the driver keeps nothing in memory between calls.
 */
record QemuMachine(String name, QemuFiles files, int index, int cpus, long memoryMiB, long diskMiB, String mac,
                   String clusterIp, int sshPort, int apiPort, int clusterPort, String kernel, String initrd,
                   String accel, int guestApiPort) {

    static QemuMachine of(MachineRef ref, Path dir) {
        return new QemuMachine(ref.name(), new QemuFiles(dir), Integer.parseInt(ref.require("index")),
                Integer.parseInt(ref.require("cpus")), Long.parseLong(ref.require("memoryMiB")),
                Long.parseLong(ref.require("diskMiB")), ref.require("mac"), ref.require("clusterIp"),
                Integer.parseInt(ref.require("sshPort")), Integer.parseInt(ref.require("apiPort")),
                Integer.parseInt(ref.require("clusterPort")), ref.require("kernel"), ref.require("initrd"),
                ref.require("accel"), dev.kubik.spi.MachineConfig.apiServerPort(ref));
    }

    Map<String, String> state() {
        return Map.ofEntries(Map.entry("index", String.valueOf(index)), Map.entry("cpus", String.valueOf(cpus)),
                Map.entry("memoryMiB", String.valueOf(memoryMiB)), Map.entry("diskMiB", String.valueOf(diskMiB)),
                Map.entry("mac", mac), Map.entry("clusterIp", clusterIp), Map.entry("sshPort", String.valueOf(sshPort)),
                Map.entry("apiPort", String.valueOf(apiPort)), Map.entry("clusterPort", String.valueOf(clusterPort)),
                Map.entry("kernel", kernel), Map.entry("initrd", initrd), Map.entry("accel", accel),
                Map.entry(dev.kubik.spi.MachineConfig.API_SERVER_PORT_KEY, String.valueOf(guestApiPort)));
    }

    MachineRef ref() {
        return new MachineRef(name, state());
    }

    QemuMachine withPorts(int ssh, int api, int cluster) {
        return new QemuMachine(name, files, index, cpus, memoryMiB, diskMiB, mac, clusterIp, ssh, api, cluster, kernel,
                initrd, accel, guestApiPort);
    }

    QemuMachine withSize(int newCpus, long newMemoryMiB) {
        return new QemuMachine(name, files, index, newCpus, newMemoryMiB, diskMiB, mac, clusterIp, sshPort, apiPort,
                clusterPort, kernel, initrd, accel, guestApiPort);
    }

    Path disk() {
        return files.disk();
    }

    Path serialLog() {
        return files.serialLog();
    }

    Path qmpSocket() {
        return files.qmpSocket();
    }

    Path pidFile() {
        return files.pidFile();
    }

    Path stderrLog() {
        return files.stderrLog();
    }
}
