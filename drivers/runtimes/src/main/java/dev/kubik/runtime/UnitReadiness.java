package dev.kubik.runtime;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What systemd knows of a runtime's units, asked without root: one {@code systemctl show}, which an ordinary user
 * may run over the system bus. A runtime's daemons (containerd, dockerd, cri-dockerd, CRI-O) are {@code Type=notify}
 * units: systemd marks one active only once the daemon itself has said it serves (sd_notify's READY=1, sent when
 * its sockets listen), which is also what orders the kubelet after it. For such units, active is the daemon's own
 * answer, and it costs a booting node ~28 ms of CPU against ~75 for {@code sudo} and the runtime's client (measured
 * in the node's cgroup). A unit of another type is active as soon as its process runs, so systemd cannot tell;
 * nor can it where an ordinary user has no bus: then the daemon is asked ({@link Verdict#ASK_THE_DAEMON}).
 */
final class UnitReadiness {
    enum Verdict { READY, NOT_READY, ASK_THE_DAEMON }

    /** The unit file states for which {@code systemctl is-enabled} succeeds (its manual's table). */
    private static final Set<String> ENABLED = Set.of("enabled", "enabled-runtime", "static", "alias", "indirect", "generated", "transient");
    private static final List<String> PROPERTIES = List.of("LoadState", "Type", "ActiveState", "UnitFileState");

    private UnitReadiness() {
    }

    /** Whether every daemon of the runtime serves and its CRI unit starts at boot. */
    static Verdict of(ContainerRuntime runtime, CommandRunner node) {
        List<String> units = units(runtime);
        List<String> show = new ArrayList<>(List.of("systemctl", "show", "--property=" + String.join(",", PROPERTIES)));
        show.addAll(units);
        CommandResult shown = node.run(show, Duration.ofSeconds(10));
        if (!shown.ok()) return Verdict.ASK_THE_DAEMON;
        return verdict(runtime.unit(), units, shown.stdout());
    }

    /** The units to ask about: every unit the runtime restarts, and the one serving the CRI endpoint. */
    static List<String> units(ContainerRuntime runtime) {
        List<String> units = new ArrayList<>(runtime.restartOrder());
        if (!units.contains(runtime.unit())) units.add(runtime.unit());
        return units;
    }

    /** Reads {@code systemctl show}'s answer: one block of properties per unit, in the order asked, blank lines between. */
    static Verdict verdict(String criUnit, List<String> units, String shown) {
        List<Map<String, String>> blocks = blocks(shown);
        if (blocks.size() != units.size()) return Verdict.ASK_THE_DAEMON;
        for (Map<String, String> unit : blocks) {
            if (!PROPERTIES.stream().allMatch(unit::containsKey)) return Verdict.ASK_THE_DAEMON;
            if (!unit.get("LoadState").equals("loaded")) return Verdict.NOT_READY; // not installed: the start installs it
            if (!unit.get("Type").equals("notify")) return Verdict.ASK_THE_DAEMON;
            if (!unit.get("ActiveState").equals("active")) return Verdict.NOT_READY;
        }
        boolean enabled = ENABLED.contains(blocks.get(units.indexOf(criUnit)).get("UnitFileState"));
        return enabled ? Verdict.READY : Verdict.NOT_READY;
    }

    private static List<Map<String, String>> blocks(String shown) {
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : shown.split("\n", -1)) {
            int equals = line.indexOf('=');
            if (line.isBlank()) {
                if (!block.isEmpty()) blocks.add(block);
                block = new LinkedHashMap<>();
            } else if (equals > 0) {
                block.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        if (!block.isEmpty()) blocks.add(block);
        return blocks;
    }
}
