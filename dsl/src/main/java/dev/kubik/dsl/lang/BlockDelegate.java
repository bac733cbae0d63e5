package dev.kubik.dsl.lang;

import groovy.lang.GroovyObjectSupport;

/**
 * The delegate of every block closure. It holds no behaviour of its own: each keyword call, with its source
 * position, goes to the {@link Evaluation}, which records it in this block's draft.
 */
public final class BlockDelegate extends GroovyObjectSupport {
    private final Evaluation evaluation;
    private final BlockDraft draft;

    BlockDelegate(Evaluation evaluation, BlockDraft draft) {
        this.evaluation = evaluation;
        this.draft = draft;
    }

    /** Target of the calls {@link CallSiteTransformer} rewrites. */
    @SuppressWarnings("unused")
    public Object __kubik_at(int line, int column, int argLine, int argColumn, String name, Object... args) {
        return evaluation.keyword(draft, name, args, evaluation.at(line, column), evaluation.at(argLine, argColumn));
    }

    /** Calls the transformer could not rewrite (spread arguments): no exact column, but still checked. */
    public Object methodMissing(String name, Object args) {
        return evaluation.keyword(draft, name, (Object[]) args, evaluation.unknownPosition(), evaluation.unknownPosition());
    }

    @Override
    public Object getProperty(String name) {
        return evaluation.variable(draft, name);
    }

    @Override
    public void setProperty(String name, Object value) {
        evaluation.assignment(draft, name);
    }
}
