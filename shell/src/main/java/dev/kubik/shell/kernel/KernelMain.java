package dev.kubik.shell.kernel;

import dev.kubik.engine.KubikHome;

import java.nio.file.Path;

/**
 * What kernel.json runs: the kernel without the command line's parser. Jupyter waits for a kernel's first reply,
 * and building picocli's model of every kubik command costs more than the kernel's own start.
 * Arguments: [--dry-run] --connection-file FILE.
 */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        Path connection = null;
        boolean apply = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> apply = false;
                case "--connection-file" -> connection = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> {
                    System.err.println("kubik kernel: unknown argument " + args[i] + " (use: [--dry-run] --connection-file FILE)");
                    System.exit(2);
                }
            }
        }
        if (connection == null) {
            System.err.println("kubik kernel: --connection-file FILE is required (Jupyter passes it; see kubik kernel install)");
            System.exit(2);
        }
        System.exit(KubikKernel.run(connection, KubikHome.fromEnvironment(), apply));
    }
}
