package dev.kubik.shell.repl;

import dev.kubik.engine.KubikHome;
import dev.kubik.shell.Version;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubik} with no arguments: a JLine console for the DSL, modelled on JShell. The prompt appears first;
 * Groovy warms up behind it. A statement runs on its own thread, so Ctrl-C can stop a running plan safely (steps
 * in flight finish, the state stays true) and the prompt returns.
 */
public final class Repl {
    private Repl() {
    }

    public static int run(KubikHome home, boolean applyPlans) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("kubik").system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("kubik")
                    .parser(new ReplParser())
                    .completer(new DslCompleter(home))
                    .highlighter(new DslHighlighter())
                    .variable(LineReader.HISTORY_FILE, home.history())
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "...> ")
                    // No INDENTATION: JLine then takes back that many spaces before every '}' typed, wherever it
                    // stands ('none' } } became 'none'}}), and the console keeps what the user typed.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
            ReplSession session = new ReplSession(out, reader::readLine, () -> history(reader), home, Map.of());
            session.settings.apply = applyPlans;
            out.println("kubik " + Version.get() + (applyPlans ? "" : " (dry run: plans are shown, not applied)")
                    + ". Type /help for help, Tab to complete, Ctrl-D to leave.");
            while (!session.exitRequested()) {
                String input;
                try {
                    input = reader.readLine("kubik> ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    break;
                }
                runInterruptibly(terminal, () -> session.accept(input));
            }
            reader.getHistory().save();
            return 0;
        }
    }

    /** Builds a console on a dumb terminal and exercises it, for the class-data-sharing archive. */
    public static void warmUp(KubikHome home) throws IOException {
        try (Terminal terminal = new org.jline.terminal.impl.DumbTerminal(new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(new ReplParser())
                    .completer(new DslCompleter(home)).highlighter(new DslHighlighter()).build();
            String line = "cluster { kubernetes { ver";
            new DslHighlighter().highlight(reader, line);
            new DslCompleter(home).complete(reader, new ReplParser().parse(line, line.length(),
                    org.jline.reader.Parser.ParseContext.COMPLETE), new ArrayList<>());
        }
    }

    /**
     * Runs a statement on its own thread; Ctrl-C interrupts it, which stops a plan between steps. On a real
     * terminal Ctrl-C is read as a key rather than left to the terminal as SIGINT: the signal would also reach the
     * docker commands kubik runs (they share its process group) and kill the steps that should finish.
     */
    private static void runInterruptibly(Terminal terminal, Runnable statement) {
        Thread worker = new Thread(() -> {
            try {
                statement.run();
            } catch (RuntimeException e) {
                terminal.writer().println("Error: " + e.getMessage());
            }
        }, "kubik-statement");
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> worker.interrupt());
        Attributes saved = keysWithoutSignals(terminal);
        worker.start();
        try {
            while (worker.isAlive()) {
                int next = saved == null ? -1 : terminal.reader().peek(100L);
                if (next == CTRL_C) {
                    terminal.reader().read();
                    worker.interrupt();
                } else if (next != NonBlockingReader.READ_EXPIRED) {
                    worker.join(100); // no keys to watch, or typed ahead: left for the next prompt
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // The terminal went away: let the statement finish on its own.
            joinQuietly(worker);
        } finally {
            if (saved != null) terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, previous);
            terminal.flush();
        }
    }

    private static final int CTRL_C = 3;

    /** Raw keys with ISIG off, returning the attributes to restore; null where the terminal has no such modes. */
    private static Attributes keysWithoutSignals(Terminal terminal) {
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) return null;
        try {
            Attributes saved = terminal.enterRawMode();
            Attributes keys = new Attributes(terminal.getAttributes());
            keys.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(keys);
            return saved;
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    private static void joinQuietly(Thread worker) {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> history(LineReader reader) {
        List<String> lines = new ArrayList<>();
        for (History.Entry entry : reader.getHistory()) lines.add(entry.line());
        return lines;
    }
}
