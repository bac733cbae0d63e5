package dev.kubik.shell;

import dev.kubik.shell.notebook.Notebooks;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kubik trust FILE}: scripts run in a sandbox unless trusted (like {@code direnv allow}). Trust is recorded
 * for the file's exact content (a notebook's code cells: its outputs change with every run); editing it makes it
 * untrusted again.
 */
@Command(name = "trust", sortOptions = false,
        description = "Lets a script run outside the sandbox: any Groovy and Java, files, processes. Trust is for the "
                + "file's current content; a changed file is untrusted again.")
final class TrustCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the script to trust")
    Path file;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--list", description = "the trusted files, and whether each still has the trusted content")
        boolean list;

        @Option(names = "--revoke", description = "take the trust back")
        boolean revoke;
    }

    @Override
    public Integer call() throws Exception {
        TrustStore store = new TrustStore(Main.home().trusted());
        if (mode.list) {
            if (store.entries().isEmpty()) System.out.println("No trusted scripts.");
            store.entries().forEach((path, sha) -> System.out.println(status(path, sha) + "  " + path));
            return ExitCodes.OK;
        }
        if (file == null) {
            System.err.println("kubik: trust needs a FILE (or --list)");
            return ExitCodes.INVALID;
        }
        if (mode.revoke) {
            boolean removed = store.revoke(file);
            System.out.println(removed ? "Revoked: " + file + " runs in the sandbox again." : file + " was not trusted.");
            return ExitCodes.OK;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("kubik: no such script: " + file);
            return ExitCodes.INVALID;
        }
        String content = Notebooks.trustedText(file, Files.readString(file));
        store.trust(file, content);
        System.out.println("Trusted: " + file + " (sha256 " + TrustStore.sha256(content).substring(0, 12)
                + "…) runs outside the sandbox until it changes.");
        return ExitCodes.OK;
    }

    private static String status(Path path, String sha) {
        try {
            if (!Files.isRegularFile(path)) return "missing ";
            return TrustStore.sha256(Notebooks.trustedText(path, Files.readString(path))).equals(sha) ? "trusted " : "changed ";
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }
}
