package dev.kubik.shell.repl;

import dev.kubik.dsl.lang.Block;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which DSL block the cursor stands in, read from the text before it: {@code cluster { kubernetes { |}. */
final class BlockContext {
    private static final Pattern OPENER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(\\([^()]*\\))?\\s*\\{$");

    private BlockContext() {
    }

    static Block at(String before) {
        Deque<Block> stack = new ArrayDeque<>();
        StringBuilder seen = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                continue;
            }
            seen.append(c);
            if (c == '{') {
                Matcher m = OPENER.matcher(seen);
                Block block = m.find() ? blockOf(m.group(1)) : null;
                stack.push(block != null ? block : stack.isEmpty() ? Block.SCRIPT : stack.peek());
            } else if (c == '}' && !stack.isEmpty()) {
                stack.pop();
            }
        }
        return stack.isEmpty() ? Block.SCRIPT : stack.peek();
    }

    private static Block blockOf(String keyword) {
        return switch (keyword) {
            case "cluster" -> Block.CLUSTER;
            case "kubernetes" -> Block.KUBERNETES;
            case "node" -> Block.NODE;
            case "options" -> Block.OPTIONS;
            default -> null;
        };
    }
}
