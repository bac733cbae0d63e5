package dev.kubik.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kubik.model.Resources;
import dev.kubik.model.Role;
import dev.kubik.spi.MachineState;

import java.util.List;
import java.util.Map;

/**
 * What a step's resource is before or after it, as values a reviewer reads in a saved plan and the executor applies:
 * only the fields the step is about are set (a resize: resources; an upgrade: the version; a start: the state).
 *
 * @param role              a machine's role
 * @param resources         a machine's CPUs, memory and disk
 * @param links             a machine's shared folders, forwarded ports and API server port
 * @param state             a machine's state
 * @param kubernetesVersion the Kubernetes a node or the cluster runs
 * @param registryMirrors   a runtime's registry mirrors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepValues(Role role, Resources resources, HostLinks links, MachineState state, String kubernetesVersion,
                         Map<String, List<String>> registryMirrors) {

    public static StepValues machine(Role role, Resources resources, HostLinks links) {
        return new StepValues(role, resources, links, null, null, null);
    }

    public static StepValues of(MachineRecord record) {
        return machine(record.role(), record.resources(), record.links());
    }

    public static StepValues resources(Resources resources) {
        return new StepValues(null, resources, null, null, null, null);
    }

    public static StepValues state(MachineState state) {
        return new StepValues(null, null, null, state, null, null);
    }

    public static StepValues version(String version) {
        return new StepValues(null, null, null, null, version, null);
    }

    public static StepValues joining(Role role, String version) {
        return new StepValues(role, null, null, null, version, null);
    }

    public static StepValues mirrors(Map<String, List<String>> mirrors) {
        return new StepValues(null, null, null, null, null, Map.copyOf(mirrors));
    }
}
