package dev.kubik.shell;

import dev.kubik.dsl.source.ScriptSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A script named on the command line: a file, or {@code -} for standard input. */
final class ScriptInput {
    private ScriptInput() {
    }

    static ScriptSource read(String name) {
        if (name.equals("-")) {
            try {
                return new ScriptSource("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the script from standard input", e);
            }
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no such script: " + name));
        }
        return ScriptSource.of(file);
    }
}
