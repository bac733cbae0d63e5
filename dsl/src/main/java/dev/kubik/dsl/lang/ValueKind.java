package dev.kubik.dsl.lang;

/** The shape of the arguments a keyword takes. */
public enum ValueKind {
    /** A whole number: {@code cpus 2}. */
    COUNT("a whole number"),
    /** MiB as a number, or a string with a unit: {@code memory 4096}, {@code memory '8g'}. */
    SIZE("MiB as a number, or a string such as '512m' or '8g'"),
    /** One string: {@code driver 'docker'}. */
    TEXT("a string in quotes"),
    /** One or more strings: {@code addons 'a', 'b'}. */
    TEXTS("one or more strings in quotes"),
    /** Named values: {@code labels tier: 'db'}. */
    FLAGS("named values, such as name: value"),
    /** {@code mount '/host/path', to: '/guest/path'}. */
    MOUNT("a host path and to: a node path, such as mount '/home/me/src', to: '/src'"),
    /** {@code port 8080, to: 80}. */
    PORT("a host port and to: a node port, such as port 8080, to: 80"),
    /** A block: {@code kubernetes { … }}. */
    BLOCK("a block in braces { }"),
    /** A name and a block: {@code node('db') { … }}. */
    NAMED_BLOCK("a name and a block, such as node('db') { }"),
    /** An optional name and a block: {@code cluster { … }} or {@code cluster('dev') { … }}. */
    OPTIONALLY_NAMED_BLOCK("a block, optionally named: cluster('dev') { }"),
    /** {@code keepContext true}. */
    BOOL("true or false");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean opensBlock() {
        return this == BLOCK || this == NAMED_BLOCK || this == OPTIONALLY_NAMED_BLOCK;
    }
}
