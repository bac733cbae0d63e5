package dev.kubik.dsl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A script's text and the name errors are reported against. */
public record ScriptSource(String name, String text) {

    public static final String REPL = "<repl>";

    public static ScriptSource of(Path file) {
        try {
            return new ScriptSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text of a 1-based line, or empty when out of range. */
    public String line(int number) {
        String[] lines = text.split("\r?\n", -1);
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    public SourcePosition at(int line, int column) {
        return new SourcePosition(name, line, column);
    }
}
