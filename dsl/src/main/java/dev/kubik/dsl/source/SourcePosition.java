package dev.kubik.dsl.source;

/** A place in a script: its name (file path or {@code <repl>}), 1-based line and column. */
public record SourcePosition(String source, int line, int column) {
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
