package dev.kubik.shell.repl;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits input into words for completion, and asks for more lines while the input is unfinished. Quotes are part
 * of words, so {@code driver 'do<Tab>} completes a quoted value.
 */
final class ReplParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !InputCompleteness.complete(line)) {
            throw new EOFError(-1, -1, "unfinished input", "continue");
        }
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean part = i < line.length() && isWordChar(line.charAt(i));
            if (part && start < 0) start = i;
            if (!part && start >= 0) {
                if (cursor >= start && cursor <= i) {
                    wordIndex = words.size();
                    wordCursor = cursor - start;
                }
                words.add(line.substring(start, i));
                start = -1;
            }
        }
        if (wordIndex < 0) {
            // The cursor stands between words: complete an empty word there.
            int before = 0;
            for (int i = 0, s = -1; i < cursor; i++) {
                boolean part = isWordChar(line.charAt(i));
                if (part && s < 0) s = i;
                if (!part && s >= 0) {
                    before++;
                    s = -1;
                }
            }
            words.add(before, "");
            wordIndex = before;
            wordCursor = 0;
        }
        return new Line(line, cursor, words, wordIndex, wordCursor);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || "_-.'\"/~$".indexOf(c) >= 0;
    }

    private record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Candidates carry their own quotes; nothing is escaped. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
