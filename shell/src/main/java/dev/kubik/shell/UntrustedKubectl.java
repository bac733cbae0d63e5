package dev.kubik.shell;

import dev.kubik.dsl.lang.ScriptUsageException;

import java.util.List;
import java.util.Set;

/**
 * kubectl runs on the host, so an untrusted script gets only its reading verbs, and none of the flags that read or
 * write host files or point it at another cluster or identity ({@code cp}, {@code -f}, {@code --kubeconfig},
 * plugins, which are host executables). A trusted script gets all of kubectl.
 */
final class UntrustedKubectl {
    private static final Set<String> VERBS = Set.of("get", "describe", "logs", "top", "version", "cluster-info",
            "api-resources", "api-versions", "explain", "wait", "events");
    private static final List<String> HOST_FLAGS = List.of("--kubeconfig", "-f", "--filename", "-k", "--kustomize",
            "--server", "-s", "--token", "--as", "--user", "--cluster", "--certificate-authority", "--client-key",
            "--client-certificate", "--cache-dir", "--log-file", "--output-directory", "--log-dir", "--profile-output");

    private UntrustedKubectl() {
    }

    static void check(List<String> words) {
        String verb = words.stream().filter(w -> !w.startsWith("-")).findFirst().orElse("");
        if (!VERBS.contains(verb)) {
            throw refused("kubectl " + verb + " (an untrusted script may only read: " + String.join(", ", VERBS.stream().sorted().toList()) + ")");
        }
        for (String word : words) {
            for (String flag : HOST_FLAGS) {
                if (word.equals(flag) || word.startsWith(flag + "=") || flag.length() == 2 && word.startsWith(flag) && !word.startsWith("--")) {
                    throw refused("kubectl " + flag + " (it reads host files or changes which cluster or identity kubectl uses)");
                }
            }
            if (word.contains("-file=") || word.contains("template-file")) throw refused("kubectl output to or from a file");
        }
    }

    private static ScriptUsageException refused(String what) {
        return new ScriptUsageException("refused: " + what + "; a trusted script (kubik trust FILE, or --trust) may run any kubectl command");
    }
}
