package dev.kubik.dsl.lang;

/** A script used the language in a way that has no meaning; reported at the line where it happened. */
public class ScriptUsageException extends RuntimeException {
    public ScriptUsageException(String message) {
        super(message);
    }
}
