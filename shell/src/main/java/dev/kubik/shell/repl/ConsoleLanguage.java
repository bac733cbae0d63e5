package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.Keyword;
import dev.kubik.dsl.lang.Vocabulary;
import dev.kubik.engine.KubikHome;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the console knows about the language, for other front ends (the Jupyter kernel): Tab's completions, /help's
 * keyword documentation, and whether an input is finished. One vocabulary, so they never disagree.
 */
public final class ConsoleLanguage {
    private final DslCompleter completer;

    public ConsoleLanguage(KubikHome home) {
        this.completer = new DslCompleter(home);
    }

    /** Completions replace {@code code[start, end)}. */
    public record Completion(int start, int end, List<String> matches) {
    }

    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int start = at;
        while (start > 0 && isWordChar(code.charAt(start - 1))) start--;
        String word = code.substring(start, at);
        ParsedLine line = new Line(code, at, word);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        String bare = word.replace("'", "").replace("\"", "");
        List<String> matches = candidates.stream().map(Candidate::value)
                .filter(v -> v.replace("'", "").startsWith(bare)).distinct().toList();
        return new Completion(start, at, matches);
    }

    /** The documentation of the keyword at the cursor, as /help KEYWORD prints it. */
    public Optional<String> inspect(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int start = at;
        while (start > 0 && Character.isLetterOrDigit(code.charAt(start - 1))) start--;
        int end = at;
        while (end < code.length() && Character.isLetterOrDigit(code.charAt(end))) end++;
        String word = code.substring(start, end);
        List<Keyword> found = Vocabulary.all().stream().filter(k -> k.name().equals(word)).toList();
        if (found.isEmpty()) return Optional.empty();
        StringBuilder doc = new StringBuilder();
        found.forEach(k -> doc.append(k.name()).append("  (in ").append(k.block().display()).append(")\n  ")
                .append(k.doc()).append("\n  e.g. ").append(k.example()).append('\n'));
        return Optional.of(doc.toString());
    }

    /** Whether the input is finished (brackets closed, no string left open), as the console decides. */
    public boolean isComplete(String code) {
        return InputCompleteness.complete(code);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '"' || c == '-' || c == '.' || c == '_';
    }

    /** The line as JLine's parser would give it to the completer. */
    private record Line(String line, int cursor, String word) implements ParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }
    }
}
