package dev.kubik.dsl.source;

/**
 * One thing wrong with a script.
 *
 * @param at      where
 * @param message what is wrong, as a sentence
 * @param valid   what would be valid instead (may be null)
 */
public record Problem(SourcePosition at, String message, String valid) {
}
