package dev.kubik.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A conformance suite for driver plugins ({@code kubik plugin test kubik-driver-NAME}), as jupyter_kernel_test is
 * for kernels: what kubik needs of a plugin, checked against the real executable, machines and all. Found with
 * ServiceLoader, so the command needs no gRPC class of its own.
 */
public interface PluginConformance {
    /** One check: passed, failed, or skipped (what the plugin does not declare is not asked of it). */
    record Check(String name, Outcome outcome, String detail) {
        public enum Outcome { PASSED, FAILED, SKIPPED }

        public static Check passed(String name, String detail) {
            return new Check(name, Outcome.PASSED, detail);
        }

        public static Check failed(String name, String detail) {
            return new Check(name, Outcome.FAILED, detail);
        }

        public static Check skipped(String name, String detail) {
            return new Check(name, Outcome.SKIPPED, detail);
        }
    }

    /** How the suite logs into a machine the plugin made, as kubik does (its SSH, the host key pinned). */
    @FunctionalInterface
    interface Login {
        /**
         * Runs {@code command} on the machine and returns its standard output; {@code hostKeys} are those the plugin
         * returned (none: the key is pinned on first contact).
         */
        String run(String machine, SshAccess ssh, List<String> hostKeys, Path privateKey, String command) throws Exception;
    }

    /**
     * The executable a user means: a path, or a plugin's file or driver name ({@code kubik-driver-dockerjs},
     * {@code dockerjs}) found where kubik finds plugins.
     *
     * @throws DriverException naming where it looked
     */
    Path resolve(String plugin);

    /**
     * Runs every check against {@code executable}, telling {@code report} of each as it ends; makes a two-machine
     * cluster and removes what it made, whatever failed.
     *
     * @param home       a kubik home of the suite's own (machine directories, the plugin's log)
     * @param publicKey  the OpenSSH public key the machines get; {@code privateKey} its private half
     */
    List<Check> run(Path executable, Path home, String publicKey, Path privateKey, Login login, Consumer<Check> report);
}
