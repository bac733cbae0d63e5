package dev.kubik.dsl.sandbox;

/**
 * A call the sandbox refused while the script ran. An Error, not an exception, so that a script's
 * {@code try { … } catch (e) { }} cannot swallow it (and scripts may not catch Error or Throwable).
 */
public final class SandboxViolation extends Error {
    private final int line;
    private final int column;

    SandboxViolation(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
