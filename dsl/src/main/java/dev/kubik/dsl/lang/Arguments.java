package dev.kubik.dsl.lang;

import groovy.lang.Closure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a keyword's arguments against its {@link ValueKind} and converts them to plain Java values. */
final class Arguments {
    /** The arguments of a block keyword. */
    record BlockArgs(String name, Closure<?> body) {
    }

    /** {@code mount '/a', to: '/b'} and {@code port 8080, to: 80}. */
    record Pair(Object from, Object to) {
    }

    private Arguments() {
    }

    static Object convert(Keyword kw, Object[] raw) {
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>(Arrays.asList(raw));
        if (!positional.isEmpty() && positional.get(0) instanceof Map<?, ?> map) {
            positional.remove(0);
            map.forEach((k, v) -> named.put(String.valueOf(k), v instanceof CharSequence s ? s.toString() : v));
        }
        String name = kw.name();
        return switch (kw.kind()) {
            case COUNT -> {
                Object v = single(name, named, positional);
                if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
                    throw new IllegalArgumentException(name + " takes a whole number, got " + Sizes.describe(v));
                }
                yield ((Number) v).intValue();
            }
            case SIZE -> {
                Object v = single(name, named, positional);
                try {
                    yield Sizes.toMiB(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage());
                }
            }
            case TEXT -> text(name, single(name, named, positional));
            case BOOL -> {
                Object v = single(name, named, positional);
                if (!(v instanceof Boolean)) {
                    throw new IllegalArgumentException(name + " takes true or false, got " + Sizes.describe(v));
                }
                yield v;
            }
            case TEXTS -> {
                noNamed(name, named);
                List<Object> items = positional.size() == 1 && positional.get(0) instanceof List<?> list
                        ? new ArrayList<>(list) : positional;
                if (items.isEmpty()) throw new IllegalArgumentException(name + " needs at least one value");
                yield items.stream().map(v -> text(name, v)).toList();
            }
            case FLAGS -> {
                if (!positional.isEmpty() || named.isEmpty()) {
                    throw new IllegalArgumentException(name + " takes named values, such as " + name + " key: value");
                }
                yield Map.copyOf(named);
            }
            case MOUNT, PORT -> {
                if (positional.size() != 1 || named.size() != 1 || !named.containsKey("to")) {
                    throw new IllegalArgumentException(name + " takes a source and to: a target");
                }
                Object from = positional.get(0);
                Object to = named.get("to");
                if (kw.kind() == ValueKind.MOUNT) yield new Pair(text(name, from), text(name + " to:", to));
                yield new Pair(port(name, from), port(name + " to:", to));
            }
            case BLOCK -> {
                noNamed(name, named);
                if (positional.size() != 1 || !(positional.get(0) instanceof Closure<?> body)) {
                    throw new IllegalArgumentException(name + " takes a block in braces: " + name + " { … }");
                }
                yield new BlockArgs(null, body);
            }
            case NAMED_BLOCK, OPTIONALLY_NAMED_BLOCK -> {
                noNamed(name, named);
                boolean optional = kw.kind() == ValueKind.OPTIONALLY_NAMED_BLOCK;
                if (positional.size() == 1 && optional && positional.get(0) instanceof Closure<?> body) {
                    yield new BlockArgs(null, body);
                }
                if (positional.size() != 2 || !(positional.get(1) instanceof Closure<?> body)) {
                    throw new IllegalArgumentException(name + " takes " + (optional ? "an optional name and " : "a name and ")
                            + "a block: " + name + "('name') { … }");
                }
                yield new BlockArgs(text(name, positional.get(0)), body);
            }
        };
    }

    private static Object single(String name, Map<String, Object> named, List<Object> positional) {
        noNamed(name, named);
        if (positional.size() != 1) {
            throw new IllegalArgumentException(name + " takes exactly one value, got " + positional.size());
        }
        return positional.get(0);
    }

    private static void noNamed(String name, Map<String, Object> named) {
        if (!named.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no named values (" + String.join(", ", named.keySet()) + ")");
        }
    }

    private static String text(String name, Object v) {
        if (v instanceof CharSequence s) return s.toString();
        throw new IllegalArgumentException(name + " takes a string in quotes, got " + Sizes.describe(v));
    }

    private static int port(String name, Object v) {
        if (v instanceof Integer i) return i;
        throw new IllegalArgumentException(name + " takes a port number, got " + Sizes.describe(v));
    }
}
