package dev.kubik.dsl.source;

import java.util.Comparator;
import java.util.List;

/** A script cannot be used as it is; carries every problem found, in source order. */
public class ScriptProblemsException extends RuntimeException {
    private final transient List<Problem> problems;
    private final transient ScriptSource source;

    public ScriptProblemsException(ScriptSource source, List<Problem> problems) {
        super(problems.size() + " problem(s) in " + source.name());
        this.source = source;
        // Source order, whatever order the checks ran in.
        this.problems = problems.stream()
                .sorted(Comparator.comparingInt((Problem p) -> p.at().line()).thenComparingInt(p -> p.at().column()))
                .toList();
    }

    /** The problems themselves, so that a stack trace or a test failure shows them. */
    @Override
    public String getMessage() {
        StringBuilder text = new StringBuilder(super.getMessage());
        problems.forEach(p -> text.append("\n  ").append(p.at()).append(": ").append(p.message()));
        return text.toString();
    }

    public List<Problem> problems() {
        return problems;
    }

    public ScriptSource source() {
        return source;
    }

    /** The problems as the user sees them, each with its source line and a caret. */
    public String render() {
        return ProblemFormatter.format(source, problems);
    }
}
