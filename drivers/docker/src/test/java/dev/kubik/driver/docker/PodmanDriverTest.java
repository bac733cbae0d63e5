package dev.kubik.driver.docker;

import dev.kubik.spi.HostOs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When podman is told to manage cgroups itself: minikube's rule (local, root, Linux). */
class PodmanDriverTest {
    private static final List<String> CGROUPFS = List.of("--cgroup-manager", "cgroupfs");

    @Test
    void rootPodmanOnLinuxManagesCgroupsItself() {
        assertEquals(CGROUPFS, PodmanDriver.cgroupManager(HostOs.LINUX, "root", null));
        assertEquals(CGROUPFS, PodmanDriver.cgroupManager(HostOs.LINUX, "root", ""));
    }

    @Test
    void rootlessRemoteAndOtherHostsKeepPodmansOwnSetting() {
        assertEquals(List.of(), PodmanDriver.cgroupManager(HostOs.LINUX, "alice", null));
        assertEquals(List.of(), PodmanDriver.cgroupManager(HostOs.LINUX, "root", "ssh://core@127.0.0.1:2222/run/podman/podman.sock"));
        assertEquals(List.of(), PodmanDriver.cgroupManager(HostOs.MACOS, "root", null));
        assertEquals(List.of(), PodmanDriver.cgroupManager(HostOs.WINDOWS, "root", null));
    }
}
