package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.Keyword;
import dev.kubik.dsl.lang.Vocabulary;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Colours DSL keywords, Groovy keywords, strings, numbers and comments as the user types. */
final class DslHighlighter implements Highlighter {
    private static final Set<String> DSL = Vocabulary.all().stream().map(Keyword::name).collect(Collectors.toSet());
    private static final Set<String> GROOVY = Set.of("def", "if", "else", "for", "while", "return", "true", "false", "null",
            "in", "new", "var", "import", "class");
    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle GROOVY_KEYWORD = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        int i = 0;
        while (i < buffer.length()) {
            char c = buffer.charAt(i);
            int end;
            if (buffer.startsWith("//", i)) {
                end = buffer.indexOf('\n', i);
                end = end < 0 ? buffer.length() : end;
                out.styled(COMMENT, buffer.substring(i, end));
            } else if (c == '\'' || c == '"') {
                end = buffer.indexOf(c, i + 1);
                end = end < 0 ? buffer.length() : end + 1;
                out.styled(STRING, buffer.substring(i, end));
            } else if (Character.isJavaIdentifierStart(c) || c == '/') {
                end = i + 1;
                while (end < buffer.length() && Character.isJavaIdentifierPart(buffer.charAt(end))) end++;
                String word = buffer.substring(i, end);
                if (i == 0 && c == '/') out.styled(KEYWORD, word);
                else if (DSL.contains(word)) out.styled(KEYWORD, word);
                else if (GROOVY.contains(word)) out.styled(GROOVY_KEYWORD, word);
                else out.append(word);
            } else if (Character.isDigit(c)) {
                end = i + 1;
                while (end < buffer.length() && Character.isDigit(buffer.charAt(end))) end++;
                out.styled(NUMBER, buffer.substring(i, end));
            } else {
                end = i + 1;
                out.append(c);
            }
            i = end;
        }
        return out.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
    }

    @Override
    public void setErrorIndex(int errorIndex) {
    }
}
