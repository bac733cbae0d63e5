package dev.kubik.shell.repl;

/** What {@code /set} changes. */
final class ReplSettings {
    enum Feedback { quiet, normal, verbose }

    /** Cluster statements apply their plans; off: they only print them (kubik --dry-run). */
    boolean apply = true;
    /** Ask before a plan destroys anything. */
    boolean confirm = true;
    Feedback feedback = Feedback.normal;
    /** Progress on a terminal: a live line with a spinner; off (notebooks): each step's final line only, in plan order. */
    boolean live = true;
}
