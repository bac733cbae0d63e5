package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.Keyword;
import dev.kubik.dsl.lang.Vocabulary;
import dev.kubik.engine.KubikHome;
import org.jline.reader.Candidate;

import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * The console's commands, in one place (as JLine's CommandRegistry): each command's name, usage, help line, what it
 * does and how its argument completes. Dispatch, {@code /help}, Tab and the kernel's completion all read this list.
 */
final class ConsoleCommands {
    /** What a command does, given the session, its words and its argument (the text after the name, or null). */
    @FunctionalInterface
    interface Handler {
        void run(ReplSession session, String[] words, String arg);
    }

    /** Candidates for the word being typed after the command: {@code before} is the line up to that word. */
    @FunctionalInterface
    interface Arguments {
        void complete(KubikHome home, String before, String word, List<Candidate> candidates);

        Arguments NONE = (home, before, word, candidates) -> {
        };
    }

    record Command(String name, String usage, String help, Handler handler, Arguments arguments) {
    }

    static final List<Command> ALL = List.of(
            new Command("/list", "/list", "the statements accepted in this session", (s, w, a) -> s.list(), Arguments.NONE),
            new Command("/drop", "/drop N", "forget statement N", (s, w, a) -> s.drop(a), Arguments.NONE),
            new Command("/save", "/save FILE", "save them as a script (kubik run FILE replays it), or FILE.md / FILE.ipynb as a notebook",
                    (s, w, a) -> s.save(a), ConsoleCommands::paths),
            new Command("/open", "/open FILE", "run a script into this session", (s, w, a) -> s.open(a), ConsoleCommands::paths),
            new Command("/reload", "/reload", "start over and replay the statements", (s, w, a) -> s.reload(), Arguments.NONE),
            new Command("/plan", "/plan", "plan the last cluster again, change nothing", (s, w, a) -> s.plan(), Arguments.NONE),
            new Command("/vars", "/vars", "this session's variables", (s, w, a) -> s.vars(), Arguments.NONE),
            new Command("/status", "/status [P]", "nodes of a cluster", (s, w, a) -> s.status(a),
                    (home, before, word, candidates) -> dev.kubik.engine.ClusterService.profilesIn(home).forEach(p -> candidates.add(new Candidate(p)))),
            new Command("/profiles", "/profiles", "clusters", (s, w, a) -> s.run("profiles"), Arguments.NONE),
            new Command("/drivers", "/drivers", "drivers on this host", (s, w, a) -> s.run("drivers"), Arguments.NONE),
            new Command("/history", "/history", "what you typed", (s, w, a) -> s.history(), Arguments.NONE),
            new Command("/set", "/set apply|confirm|trust on|off, /set feedback quiet|normal|verbose", "the session's settings",
                    (s, w, a) -> s.set(w), ConsoleCommands::settings),
            new Command("/help", "/help [KEYWORD]", "this, or what a keyword means", (s, w, a) -> s.help(a),
                    (home, before, word, candidates) -> Vocabulary.all().stream().map(Keyword::name).distinct()
                            .forEach(k -> candidates.add(new Candidate(k)))),
            new Command("/exit", "/exit", "leave (as Ctrl-D)", (s, w, a) -> s.exit(), Arguments.NONE));

    private ConsoleCommands() {
    }

    static Optional<Command> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Command::name).toList();
    }

    /** /help's table: one line per command. */
    static String table() {
        StringBuilder text = new StringBuilder();
        for (Command command : ALL) text.append(String.format("  %-20s %s%n", command.usage(), command.help()));
        return text.toString();
    }

    private static void settings(KubikHome home, String before, String word, List<Candidate> candidates) {
        String[] words = before.strip().split("\\s+");
        List<String> values = words.length == 1 ? List.of("apply", "confirm", "trust", "feedback")
                : words[1].equals("feedback") ? List.of("quiet", "normal", "verbose") : List.of("on", "off");
        values.forEach(v -> candidates.add(new Candidate(v)));
    }

    private static void paths(KubikHome home, String before, String word, List<Candidate> candidates) {
        int slash = word.lastIndexOf('/');
        String dirPart = slash >= 0 ? word.substring(0, slash + 1) : "";
        File dir = new File(dirPart.isEmpty() ? "." : dirPart);
        File[] entries = dir.listFiles();
        if (entries == null) return;
        for (File entry : entries) {
            String value = dirPart + entry.getName() + (entry.isDirectory() ? "/" : "");
            candidates.add(new Candidate(value, entry.getName() + (entry.isDirectory() ? "/" : ""), null, null, null, null, !entry.isDirectory()));
        }
    }
}
