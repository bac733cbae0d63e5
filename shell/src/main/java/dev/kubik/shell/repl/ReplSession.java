package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.BoundCluster;
import dev.kubik.dsl.lang.DslSession;
import dev.kubik.dsl.lang.Keyword;
import dev.kubik.dsl.lang.Vocabulary;
import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanRenderer;
import dev.kubik.dsl.source.ScriptProblemsException;
import dev.kubik.dsl.source.ScriptSource;
import dev.kubik.dsl.validate.SpecValidator;
import dev.kubik.engine.ClusterService;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.exec.Events;
import dev.kubik.shell.Main;
import dev.kubik.shell.TextEvents;
import dev.kubik.spi.DriverException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One REPL session: one Groovy shell whose variables persist, the statements it accepted (for /list, /save,
 * /reload), and the JShell-style commands. Knows nothing of terminals, so it can be driven from tests.
 */
public final class ReplSession {
    private final PrintStream out;
    private final Function<String, String> ask;
    private final Supplier<List<String>> history;
    private final KubikHome home;
    private final Map<String, String> vars;
    final ReplSettings settings;
    private final Hooks hooks;
    private final SessionStatements statements = new SessionStatements();
    private CompletableFuture<DslSession> dsl;
    private BoundCluster lastCluster;
    private Object lastValue;
    private boolean exit;

    public ReplSession(PrintStream out, Function<String, String> ask, Supplier<List<String>> history, KubikHome home,
                       Map<String, String> vars) {
        this(out, ask, history, home, vars, new ReplSettings());
    }

    /**
     * How a front end other than the terminal shows things: the error stream, progress events, plans (the Jupyter
     * kernel shows them as tables), and variables it adds to the session.
     */
    public record Hooks(PrintStream err, Function<PrintStream, Events> events, Consumer<Plan> planView,
                        Map<String, Object> bindings) {
    }

    private ReplSession(PrintStream out, Function<String, String> ask, Supplier<List<String>> history, KubikHome home,
                        Map<String, String> vars, ReplSettings settings) {
        this(out, ask, history, home, vars, settings, null);
    }

    private ReplSession(PrintStream out, Function<String, String> ask, Supplier<List<String>> history, KubikHome home,
                        Map<String, String> vars, ReplSettings settings, Hooks hooks) {
        this.hooks = hooks != null ? hooks : new Hooks(settings.live ? System.err : out,
                settings.live ? o -> new TextEvents(o, true) : dev.kubik.shell.OrderedEvents::new,
                plan -> out.print(PlanRenderer.render(plan, settings.live)), Map.of());
        this.out = out;
        this.ask = ask;
        this.history = history;
        this.home = home;
        this.vars = Map.copyOf(vars);
        this.settings = settings;
        this.dsl = startShell();
    }

    /**
     * A session for a notebook: cells run as console input does, but nothing asks (a tutorial that scales down
     * means it), progress is written in its final form only, and {@code apply} off plans without applying.
     */
    public static ReplSession forNotebook(PrintStream out, KubikHome home, Map<String, String> vars, boolean apply,
                                          boolean trusted) {
        ReplSettings settings = new ReplSettings();
        settings.apply = apply;
        settings.confirm = false;
        settings.live = false;
        settings.feedback = ReplSettings.Feedback.quiet; // values come back from execute
        ReplSession session = new ReplSession(out, question -> "no", List::of, home, vars, settings);
        session.dsl = session.dsl.thenApply(d -> d.trusting(trusted));
        return session;
    }

    /** A session for the Jupyter kernel: as a notebook's, with the kernel's own ways of showing things. */
    public static ReplSession forKernel(PrintStream out, KubikHome home, boolean apply, Hooks hooks) {
        ReplSettings settings = new ReplSettings();
        settings.apply = apply;
        settings.confirm = false;
        settings.live = false;
        settings.feedback = ReplSettings.Feedback.quiet;
        return new ReplSession(out, question -> "no", List::of, home, Map.of(), settings, hooks);
    }

    /** What a notebook cell gave: whether it succeeded, and its value (null when it has none or made a cluster). */
    public record Executed(boolean ok, Object value) {
    }

    /**
     * Runs one cell's code as the console runs a statement; not ok when it had problems or a plan failed, was
     * cancelled or was declined. The value is returned, not printed: notebooks show it as a result of their own.
     */
    public Executed execute(String text, String sourceName) {
        lastValue = null;
        if (text.strip().startsWith("/")) { // the console's commands work in cells too: /set apply off, /status
            command(text.strip());
            return new Executed(true, null);
        }
        boolean ok = evaluate(text.strip(), sourceName, true);
        return new Executed(ok, lastValue);
    }

    /** Groovy's start-up happens behind the prompt: the first statement waits for it only if it comes early. */
    private CompletableFuture<DslSession> startShell() {
        return CompletableFuture.supplyAsync(() -> {
            DslSession warmUp = new DslSession(SpecValidator.forThisHost(), "kubik", Map.of());
            try {
                warmUp.evaluate(new ScriptSource("<warm-up>", "def warm = [1, 2].sum()\ncluster('warm') { nodes 1 }"));
            } catch (RuntimeException ignored) {
                // Only class loading matters here.
            }
            DslSession session = DslSession.forConsole(SpecValidator.forThisHost().against(service()::recorded),
                    dev.kubik.model.Defaults.PROFILE, vars);
            dev.kubik.shell.Builtins.install(session, service(), out, hooks.err(), settings.apply);
            hooks.bindings().forEach(session.binding()::setVariable);
            // Groovy's println writes to the binding's "out": the console's stream, or a notebook cell's.
            session.binding().setVariable("out", out);
            return session;
        });
    }

    public boolean exitRequested() {
        return exit;
    }

    public List<String> statements() {
        return statements.texts();
    }

    /** A line (or block) the user entered: a /command, or Groovy. */
    public void accept(String input) {
        String text = input.strip();
        if (text.isEmpty()) return;
        if (text.startsWith("/")) {
            command(text);
        } else {
            evaluate(text, ScriptSource.REPL, true);
        }
    }

    private boolean evaluate(String text, String sourceName, boolean record) {
        DslSession.Result result;
        try {
            result = dsl.join().evaluate(new ScriptSource(sourceName, text));
        } catch (ScriptProblemsException e) {
            out.print(e.render());
            return false;
        }
        boolean ok = true;
        for (BoundCluster cluster : result.clusters()) {
            lastCluster = cluster;
            if (settings.apply) ok &= apply(cluster);
            else hooks.planView().accept(service().plan(cluster.spec()).plan());
        }
        if (record) {
            statements.add(new SessionStatements.Statement(text,
                    result.clusters().stream().map(c -> c.spec().name()).toList(), !ok));
        }
        if (result.clusters().isEmpty() && result.value() != null) {
            lastValue = result.value();
            if (settings.feedback != ReplSettings.Feedback.quiet) out.println("==> " + result.value());
        }
        return ok;
    }

    private boolean apply(BoundCluster cluster) {
        try {
            ClusterService.Applied applied = service().apply(cluster.spec(), this::approve, 8);
            dev.kubik.shell.ApplyReport report = dev.kubik.shell.ApplyReport.of(applied, "run the statement again");
            out.println(report.text());
            return report.ok();
        } catch (DriverException e) {
            out.println("Failed: " + e.getMessage() + (e.fix() == null ? "" : "\n  fix: " + e.fix()));
            return false;
        }
    }

    private boolean approve(Plan plan) {
        hooks.planView().accept(plan);
        if (!plan.destroysAnything() || !settings.confirm) return true;
        return "yes".equals(ask.apply("This plan destroys machines. Apply it? Only 'yes' will be accepted: "));
    }

    private ClusterService service() {
        return new ClusterService(home, hooks.events().apply(out), dev.kubik.shell.Version.get());
    }

    private void command(String text) {
        String[] words = text.split("\\s+");
        String name = words[0];
        String arg = words.length > 1 ? text.substring(text.indexOf(words[1])) : null;
        ConsoleCommands.find(name).ifPresentOrElse(command -> command.handler().run(this, words, arg),
                () -> out.println("Unknown command " + name + ". Commands: " + String.join(" ", ConsoleCommands.names())));
    }

    void exit() {
        exit = true;
    }

    void list() {
        List<String> texts = statements.texts();
        for (int i = 0; i < texts.size(); i++) {
            out.printf("%3d : %s%n", i + 1, texts.get(i).replace("\n", "\n      "));
        }
    }

    void history() {
        List<String> lines = history.get();
        for (int i = 0; i < lines.size(); i++) out.printf("%4d  %s%n", i + 1, lines.get(i));
    }

    void vars() {
        dsl.join().binding().getVariables().forEach((k, v) -> {
            if (!k.equals("vars") && !vars.containsKey(k)) out.println(k + " = " + v);
        });
    }

    void plan() {
        if (lastCluster == null) out.println("No cluster yet: type cluster { … }");
        else out.print(PlanRenderer.render(service().plan(lastCluster.spec()).plan(), true));
    }

    void status(String arg) {
        run("status", arg != null ? arg : lastCluster != null ? lastCluster.spec().name() : dev.kubik.model.Defaults.PROFILE);
    }

    /** A kubik command, as on the command line. */
    void run(String... command) {
        Main.execute(command);
    }

    void help(String keyword) {
        if (keyword != null) {
            List<Keyword> found = Vocabulary.all().stream().filter(k -> k.name().equals(keyword)).toList();
            if (found.isEmpty()) out.println("No keyword '" + keyword + "'.");
            found.forEach(k -> out.println(k.name() + "  (in " + k.block().display() + ")\n  " + k.doc() + "\n  e.g. " + k.example()));
            return;
        }
        out.println("""
                Type a cluster statement, e.g.  cluster { driver 'docker'; nodes 2 }  : kubik plans it, shows the plan, applies it.
                Unfinished input ({, (, [ or a string left open) continues on the next line. Tab completes, Ctrl-R searches
                history, Ctrl-C stops a running plan safely, Ctrl-D leaves.""");
        out.print(ConsoleCommands.table());
    }

    void drop(String arg) {
        try {
            int index = Integer.parseInt(arg) - 1;
            out.println("Dropped: " + statements.remove(index).text().lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            out.println("Usage: /drop N, where N is a number from /list");
        }
    }

    void save(String file) {
        if (file == null) {
            out.println("Usage: /save FILE.kube.groovy");
            return;
        }
        // What replays to where the session ended; the file name says the format: a script, or a notebook whose
        // cells are the statements.
        SessionStatements.Replayable replayable = statements.replayable();
        List<String> saved = replayable.statements();
        String script = file.endsWith(".md")
                ? dev.kubik.shell.notebook.MarkdownNotebook.of("A kubik session (run it: kubik notebook "
                        + Path.of(file).getFileName() + ")", saved)
                : file.endsWith(".ipynb") ? dev.kubik.shell.notebook.JupyterNotebook.of(saved).render(List.of())
                : "// Saved from a kubik session; replay with: kubik run " + file + "\n" + String.join("\n", saved) + "\n";
        try {
            Files.writeString(Path.of(file), script, StandardCharsets.UTF_8);
            out.println("Saved " + saved.size() + " statement(s) to " + file + (replayable.leftOut().isEmpty() ? ""
                    : "; left out, by their numbers in /list: " + String.join(", ", replayable.leftOut())));
        } catch (IOException e) {
            out.println("Cannot write " + file + ": " + e.getMessage());
        }
    }

    void open(String file) {
        if (file == null) {
            out.println("Usage: /open FILE");
            return;
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            evaluate(text.strip(), file, true);
        } catch (IOException | UncheckedIOException e) {
            out.println("Cannot read " + file + ": " + e.getMessage());
        }
    }

    void reload() {
        List<String> replay = statements.texts();
        statements.clear();
        lastCluster = null;
        dsl = startShell();
        out.println("Replaying " + replay.size() + " statement(s)");
        for (String statement : replay) evaluate(statement, ScriptSource.REPL, true);
    }

    void set(String[] words) {
        if (words.length != 3) {
            out.println("Usage: /set apply on|off, /set confirm on|off, /set trust on|off, /set feedback quiet|normal|verbose");
            return;
        }
        switch (words[1]) {
            case "apply" -> settings.apply = words[2].equals("on");
            case "confirm" -> settings.confirm = words[2].equals("on");
            case "trust" -> dsl.join().trusting(words[2].equals("on"));
            case "feedback" -> {
                try {
                    settings.feedback = ReplSettings.Feedback.valueOf(words[2]);
                } catch (IllegalArgumentException e) {
                    out.println("feedback is quiet, normal or verbose");
                    return;
                }
            }
            default -> {
                out.println("Unknown setting " + words[1] + ": apply, confirm, trust, feedback");
                return;
            }
        }
        if (settings.feedback != ReplSettings.Feedback.quiet) out.println("|  " + words[1] + " " + words[2]);
    }
}
