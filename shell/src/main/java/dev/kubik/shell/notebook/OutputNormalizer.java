package dev.kubik.shell.notebook;

import java.util.regex.Pattern;

/**
 * What always varies between two runs of the same tutorial, replaced by placeholders so {@code --check} compares
 * what matters: elapsed times, host ports, addresses, container and image ids, sizes, timestamps, temporary paths,
 * and warnings about the host.
 */
public final class OutputNormalizer {
    private static final Pattern[] PATTERNS = {
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?"),
            Pattern.compile("\\b\\d+(\\.\\d+)? ?(ms|s|min)\\b"),
            Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b"),
            Pattern.compile("(?<=<address>|localhost):\\d{2,5}\\b"),
            Pattern.compile("\\b(sha256:)?[0-9a-f]{12,64}\\b"),
            Pattern.compile("\\d+(\\.\\d+)? ?(KiB|MiB|GiB|kB|MB|GB)\\b"),
            Pattern.compile("/tmp/[^\\s'\"]+"),
    };
    private static final String[] PLACEHOLDERS = {"<time>", "<duration>", "<address>", ":<port>", "<id>", "<size>", "<tmp>"};

    private OutputNormalizer() {
    }

    public static String normalize(String output) {
        if (output == null) return "";
        // Warnings are facts about the host (a daemon that cannot grant --privileged), not about the tutorial.
        String text = output.replace("\r\n", "\n").replaceAll("(?m)^warning: .*\n?", "");
        for (int i = 0; i < PATTERNS.length; i++) text = PATTERNS[i].matcher(text).replaceAll(PLACEHOLDERS[i]);
        return text.strip();
    }
}
