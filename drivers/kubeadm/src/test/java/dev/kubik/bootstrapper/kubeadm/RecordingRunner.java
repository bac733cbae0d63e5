package dev.kubik.bootstrapper.kubeadm;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node that records what the bootstrapper asks of it. Answers come from rules the test sets (by the first word
 * that matches); everything else succeeds with no output. The bootstrapper's sequence is what is under test.
 */
final class RecordingRunner implements CommandRunner {
    final List<String> log = new ArrayList<>();
    final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Function<List<String>, CommandResult>> rules = new LinkedHashMap<>();

    RecordingRunner answer(String containing, CommandResult result) {
        rules.put(containing, argv -> result);
        return this;
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        String line = String.join(" ", argv);
        log.add(line);
        return rules.entrySet().stream().filter(r -> line.contains(r.getKey())).findFirst()
                .map(r -> r.getValue().apply(argv)).orElse(new CommandResult(0, "", ""));
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        log.add("write " + path + " " + Integer.toOctalString(mode));
        files.put(path, new String(content));
    }

    /** Index of the first logged line containing {@code text}, or fails. */
    int indexOf(String text) {
        for (int i = 0; i < log.size(); i++) if (log.get(i).contains(text)) return i;
        throw new AssertionError("never ran: " + text + "\n" + String.join("\n", log));
    }
}
