package dev.kubik.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.engine.ClusterService;
import dev.kubik.model.ClusterSpec;
import dev.kubik.model.Role;
import dev.kubik.plan.ClusterState;
import dev.kubik.plan.MachineRecord;
import dev.kubik.spi.KubernetesSpec;
import dev.kubik.spi.MachineState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cluster kubik has a record of, as {@code kubik profiles} and {@code kubik profile list} show them: a table,
 * or minikube's {@code profile list -o json} shape for the scripts that parse it ({@code valid}, {@code invalid},
 * each profile's {@code Name}, {@code Status}, {@code Active} and {@code Config} with its driver, Kubernetes and
 * nodes), from the state kubik recorded, as {@code kubik status} shows it.
 */
final class ProfileList {
    private ProfileList() {
    }

    static String table(ClusterService service) {
        Table table = new Table("PROFILE", "DRIVER", "RUNTIME", "BOOTSTRAPPER", "NODES", "RUNNING");
        String current = service.currentProfile().orElse(null);
        for (String profile : service.profiles()) {
            ClusterState state = service.recorded(profile).orElse(null);
            if (state == null) continue; // damaged: kubik status -p names what is wrong with it
            table.row(profile.equals(current) ? profile + " *" : profile, state.driver(), state.runtime(), state.bootstrapper(),
                    state.machines().size(), running(state));
        }
        return table.toString();
    }

    static String json(ClusterService service) {
        String current = service.currentProfile().orElse(null);
        List<Map<String, Object>> valid = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (String profile : service.profiles()) {
            ClusterState state = service.recorded(profile).orElse(null);
            if (state == null) {
                invalid.add(Map.of("Name", profile));
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Name", profile);
            entry.put("Status", status(state));
            entry.put("Active", profile.equals(current));
            entry.put("Config", config(state, service.store().spec(profile).orElse(null), service.status(profile)));
            valid.add(entry);
        }
        try {
            return new ObjectMapper().writeValueAsString(Map.of("invalid", invalid, "valid", valid)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long running(ClusterState state) {
        return state.machines().stream().filter(m -> m.state() == MachineState.RUNNING).count();
    }

    /** minikube's words: Running when every node runs, Stopped when none does, else Degraded. */
    private static String status(ClusterState state) {
        long running = running(state);
        if (state.machines().isEmpty() || running == 0) return "Stopped";
        return running == state.machines().size() ? "Running" : "Degraded";
    }

    private static Map<String, Object> config(ClusterState state, ClusterSpec spec, List<ClusterService.NodeStatus> nodeStatus) {
        int port = spec == null ? KubernetesSpec.DEFAULT_API_SERVER_PORT : spec.kubernetes().apiServerPort();
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("KubernetesVersion", state.kubernetesVersion() == null || state.kubernetesVersion().isBlank()
                ? "N/A" : state.kubernetesVersion()); // minikube's word for --no-kubernetes
        kubernetes.put("ContainerRuntime", state.runtime());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ClusterService.NodeStatus status : nodeStatus) {
            MachineRecord machine = ClusterService.machine(state, status.name());
            Map<String, Object> node = new LinkedHashMap<>();
            // minikube names its primary "" and the others m02, m03.
            node.put("Name", machine.name().equals(state.profile()) ? "" : machine.shortName());
            node.put("IP", status.ip()); // empty while the node is stopped
            node.put("Port", port);
            node.put("KubernetesVersion", kubernetes.get("KubernetesVersion"));
            node.put("ControlPlane", machine.role() == Role.CONTROL_PLANE);
            node.put("Worker", machine.role() != Role.CONTROL_PLANE || state.machines().size() == 1);
            nodes.add(node);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Name", state.profile());
        config.put("Driver", state.driver());
        config.put("KubernetesConfig", kubernetes);
        config.put("Nodes", nodes);
        return config;
    }
}
