package dev.kubik.shell;

import dev.kubik.engine.exec.Events;
import dev.kubik.engine.exec.JsonEvents;
import picocli.CommandLine.Option;

/** The {@code --output} option, shared by the commands that report progress. */
public final class Output {
    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, description = "text (default) or json: one CloudEvents JSON object per line",
            defaultValue = "text")
    Format format = Format.text;

    @Option(names = "--timings", description = "print how long each step and each of its phases took (docker run, host key, ssh handshake…)")
    boolean timings;

    public boolean json() {
        return format == Format.json;
    }

    /** Progress goes to stdout: live on a terminal, plain lines elsewhere, JSON events when asked; timings after. */
    public Events events() {
        if (json()) return new JsonEvents(System.out, timings);
        Events text = new TextEvents(System.out, System.console() != null);
        return timings ? new TimingTable(text, System.out) : text;
    }

    /** Plans and outcomes on stdout, through {@code events}: in colour only on a terminal, as events with JSON. */
    PlanPrinter printer(Events events) {
        return new PlanPrinter(System.out, events, System.console() != null && !json());
    }
}
