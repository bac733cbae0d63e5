package dev.kubik.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a bootstrapper asks of the runtime.
 *
 * @param kubernetesVersion for the files' headers
 * @param pauseImage        the sandbox image the bootstrapper's Kubernetes expects
 * @param registryMirrors   registry → mirror URLs, validated (a fixed character set) before they get here
 */
public record RuntimeSettings(String kubernetesVersion, String pauseImage, Map<String, List<String>> registryMirrors) {
    public RuntimeSettings {
        registryMirrors = Map.copyOf(registryMirrors);
    }
}
