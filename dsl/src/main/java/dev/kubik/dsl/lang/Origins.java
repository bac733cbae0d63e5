package dev.kubik.dsl.lang;

import dev.kubik.dsl.source.SourcePosition;

import java.util.Map;

/**
 * Where each part of a bound cluster came from, by path: {@code cpus}, {@code kubernetes.podSubnet},
 * {@code node:db.memory}, {@code mount[0]}, {@code options.image}. Parts a script left to defaults fall back to the
 * cluster keyword, so every problem has a line and column.
 */
public record Origins(SourcePosition cluster, Map<String, Located> parts) {
    public Origins {
        parts = Map.copyOf(parts);
    }

    /** Where the keyword that set {@code path} stands. */
    public SourcePosition keyword(String path) {
        Located located = parts.get(path);
        return located == null ? cluster : located.keywordAt();
    }

    /** Where the value set for {@code path} stands. */
    public SourcePosition value(String path) {
        Located located = parts.get(path);
        return located == null ? cluster : located.valueAt();
    }

    public boolean has(String path) {
        return parts.containsKey(path);
    }
}
