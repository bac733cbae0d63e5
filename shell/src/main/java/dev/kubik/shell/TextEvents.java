package dev.kubik.shell;

import dev.kubik.plan.PlanStep;
import dev.kubik.engine.exec.Events;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress for people. On a terminal: finished steps scroll up with their times, and one live line at the
 * bottom shows the steps in flight with a spinner and the elapsed time. Elsewhere (CI logs, pipes): one plain
 * line per start and per finish.
 */
public final class TextEvents implements Events {
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    private final PrintStream out;
    private final boolean live;
    private final Map<String, Long> running = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private ScheduledExecutorService ticker;
    private int frame;

    public TextEvents(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public synchronized void stepStarted(int current, int total, PlanStep step) {
        running.put(Events.title(step), System.nanoTime());
        if (live) {
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "kubik-progress");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
            }
            redraw();
        } else {
            out.printf("[%d/%d] %s ...%n", current, total, Events.title(step));
        }
    }

    @Override
    public synchronized void stepFinished(int current, int total, PlanStep step, Duration elapsed) {
        running.remove(Events.title(step));
        line(String.format("%s [%d/%d] %s (%s)", live ? "\u001b[32m✓\u001b[0m" : "done", current, total,
                Events.title(step), seconds(elapsed)));
    }

    @Override
    public synchronized void stepFailed(int current, int total, PlanStep step, Throwable error) {
        running.remove(Events.title(step));
        line(String.format("%s [%d/%d] %s failed: %s", live ? "\u001b[31m✗\u001b[0m" : "FAILED", current, total,
                Events.title(step), error.getMessage()));
    }

    private final Map<String, String> downloads = new LinkedHashMap<>();

    /** On a terminal, each download's percentage joins the live line; in logs, one line when it completes. */
    @Override
    public synchronized void download(String artifact, long done, long total) {
        String name = artifact.substring(artifact.lastIndexOf('/') + 1);
        if (total > 0 && done >= total) {
            downloads.remove(name);
            if (!live) out.printf("downloaded %s (%.1f MiB)%n", artifact, total / 1048576.0);
            return;
        }
        downloads.put(name, total > 0 ? (done * 100 / total) + "%" : String.format("%.1f MiB", done / 1048576.0));
    }

    /** Only a person at a terminal can answer; the live line waits while they do. */
    @Override
    public synchronized java.util.Optional<Boolean> ask(String question) {
        java.io.Console console = System.console();
        if (!live || console == null) return java.util.Optional.empty();
        out.print("\r\u001b[2K");
        String answer = console.readLine("%s [y/N] ", question);
        return java.util.Optional.of(answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes"));
    }

    @Override
    public synchronized void info(String message) {
        line((live ? "  " : "") + message);
    }

    @Override
    public synchronized void warn(String message) {
        line((live ? "\u001b[33m!\u001b[0m " : "warning: ") + message);
    }

    @Override
    public synchronized void error(String message, String advice, int exitCode) {
        line((live ? "\u001b[31merror:\u001b[0m " : "error: ") + message + (advice == null ? "" : "\n  fix: " + advice));
    }

    @Override
    public synchronized void done() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (live) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    /** A permanent line, above the live one. */
    private void line(String text) {
        if (live) out.print("\r\u001b[K");
        out.println(text);
        if (live) drawStatus();
        out.flush();
    }

    private synchronized void redraw() {
        out.print("\r\u001b[K");
        drawStatus();
        out.flush();
    }

    private void drawStatus() {
        if (running.isEmpty()) return;
        frame = (frame + 1) % SPINNER.length;
        String names = String.join(", ", running.keySet());
        if (!downloads.isEmpty()) {
            names += " · downloading " + String.join(", ", downloads.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
        out.print(SPINNER[frame] + " " + names + " · " + seconds(Duration.ofNanos(System.nanoTime() - started)));
    }

    private static String seconds(Duration elapsed) {
        return String.format("%.1f s", elapsed.toMillis() / 1000.0);
    }
}
