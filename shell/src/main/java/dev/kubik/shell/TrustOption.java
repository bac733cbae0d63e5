package dev.kubik.shell;

import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.shell.notebook.Notebooks;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --trust}: run this script outside the sandbox once; otherwise only files trusted with kubik trust are. */
public final class TrustOption {
    @Option(names = "--trust", description = "run the script outside the sandbox this once (kubik trust FILE remembers it)")
    boolean trust;

    /** Trusted on the command line, or a file whose exact content the user trusted before. */
    boolean trusts(ScriptSource source) {
        if (trust) return true;
        Path file = Path.of(source.name());
        return !source.name().startsWith("<") && Files.isRegularFile(file)
                && new TrustStore(Main.home().trusted()).trusts(file, Notebooks.trustedText(file, source.text()));
    }
}
