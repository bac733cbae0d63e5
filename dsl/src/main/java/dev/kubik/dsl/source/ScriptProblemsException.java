package dev.kubik.dsl.source;

import java.util.List;

/** A script cannot be used as it is; carries every problem found, in source order. */
public class ScriptProblemsException extends RuntimeException {
    private final transient List<Problem> problems;
    private final transient ScriptSource source;

    public ScriptProblemsException(ScriptSource source, List<Problem> problems) {
        super(problems.size() + " problem(s) in " + source.name());
        this.source = source;
        this.problems = List.copyOf(problems);
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
