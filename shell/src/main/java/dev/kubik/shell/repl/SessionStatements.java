package dev.kubik.shell.repl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements a session accepted, in order, with what each did to clusters. /list shows them all, as JShell
 * does; /save writes only what replays to the session's end state: a statement that failed when applied is left
 * out, and so is one whose every cluster a later statement defined again (the later one says what the cluster is
 * now). Statements that define no cluster (variables, functions) stay: later ones may use them.
 */
final class SessionStatements {
    /** @param clusters the clusters the statement defined; @param failed whether applying it failed */
    record Statement(String text, List<String> clusters, boolean failed) {
        Statement {
            clusters = List.copyOf(clusters);
        }
    }

    /** What /save writes, and why each other statement is left out ("2 (failed when applied)"). */
    record Replayable(List<String> statements, List<String> leftOut) {
    }

    private final List<Statement> statements = new ArrayList<>();

    void add(Statement statement) {
        statements.add(statement);
    }

    Statement remove(int index) {
        return statements.remove(index);
    }

    int size() {
        return statements.size();
    }

    void clear() {
        statements.clear();
    }

    /** Every statement's text, in order. */
    List<String> texts() {
        return statements.stream().map(Statement::text).toList();
    }

    Replayable replayable() {
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement.failed()) {
                leftOut.add((i + 1) + " (failed when applied)");
                continue;
            }
            Set<String> redefined = new HashSet<>();
            int by = -1;
            for (int j = i + 1; j < statements.size(); j++) {
                Statement later = statements.get(j);
                if (later.failed()) continue;
                for (String cluster : later.clusters()) {
                    if (statement.clusters().contains(cluster) && redefined.add(cluster)) by = j;
                }
            }
            if (!statement.clusters().isEmpty() && redefined.containsAll(statement.clusters())) {
                leftOut.add((i + 1) + " (superseded by " + (by + 1) + ")");
            } else {
                kept.add(statement.text());
            }
        }
        return new Replayable(kept, leftOut);
    }
}
