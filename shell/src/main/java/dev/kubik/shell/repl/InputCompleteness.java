package dev.kubik.shell.repl;

/**
 * Whether a REPL input is finished: brackets balanced and no string or block comment left open, outside strings
 * and comments. An unfinished input keeps the prompt in continuation mode, like JShell.
 */
final class InputCompleteness {
    private InputCompleteness() {
    }

    static boolean complete(String text) {
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                if (end < 0) break;
                i = end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return false;
                i = end + 2;
            } else if (text.startsWith("'''", i) || text.startsWith("\"\"\"", i)) {
                int end = text.indexOf(text.substring(i, i + 3), i + 3);
                if (end < 0) return false;
                i = end + 3;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    if (text.charAt(j) == '\\') j++;
                    j++;
                }
                if (j >= n || text.charAt(j) == '\n') return false;
                i = j + 1;
            } else {
                if (c == '{' || c == '(' || c == '[') depth++;
                if (c == '}' || c == ')' || c == ']') depth--;
                i++;
            }
        }
        return depth <= 0 && !text.stripTrailing().endsWith("\\");
    }
}
