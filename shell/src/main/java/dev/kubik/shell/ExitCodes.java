package dev.kubik.shell;

/** kubik's exit statuses. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A step failed, or the command could not do its work. */
    public static final int FAILED = 1;
    /** The script (or the command line) is invalid; nothing was changed. */
    public static final int INVALID = 2;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
