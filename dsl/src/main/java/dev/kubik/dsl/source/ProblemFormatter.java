package dev.kubik.dsl.source;

import java.util.List;

/** Renders problems compiler-style: {@code file:line:col: message}, the source line, a caret, what is valid. */
public final class ProblemFormatter {
    private ProblemFormatter() {
    }

    /** Problems in the order given (ScriptProblemsException keeps them in source order). */
    public static String format(ScriptSource source, List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        problems.forEach(problem -> append(out, source, problem));
        out.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(" in ").append(source.name()).append("; nothing was changed.\n");
        return out.toString();
    }

    private static void append(StringBuilder out, ScriptSource source, Problem problem) {
        SourcePosition at = problem.at();
        out.append(at).append(": error: ").append(problem.message()).append('\n');
        String line = source.line(at.line());
        if (!line.isBlank()) {
            String gutter = String.format("%5d | ", at.line());
            out.append(gutter).append(line.replace('\t', ' ')).append('\n');
            out.append(" ".repeat(gutter.length() - 2)).append("| ")
                    .append(" ".repeat(Math.max(0, at.column() - 1))).append("^\n");
        }
        if (problem.valid() != null) {
            out.append("      = valid: ").append(problem.valid()).append('\n');
        }
    }
}
