package dev.kubik.dsl.lang;

/**
 * One word of the language.
 *
 * @param name       as written in scripts
 * @param block      where it may stand
 * @param kind       the shape of its arguments
 * @param repeatable whether it may appear more than once in its block (values accumulate)
 * @param example    a line that uses it
 * @param doc        what it means
 */
public record Keyword(String name, Block block, ValueKind kind, boolean repeatable, String example, String doc) {

    /** The block this keyword opens, or null. */
    public Block opens() {
        return switch (name) {
            case "cluster" -> Block.CLUSTER;
            case "kubernetes" -> Block.KUBERNETES;
            case "node" -> Block.NODE;
            case "options" -> Block.OPTIONS;
            default -> null;
        };
    }
}
